CREATE TABLE `playback_markers` (
	`video_id` text NOT NULL,
	`title_id` text NOT NULL,
	`episode_id` text,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`start_seconds` real,
	`end_seconds` real,
	`confidence` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`video_id`, `kind`, `source`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `playback_markers_title_idx` ON `playback_markers` (`title_id`);