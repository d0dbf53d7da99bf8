CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`value` real NOT NULL,
	`threshold` real NOT NULL,
	`fired_at` integer NOT NULL,
	`resolved_at` integer,
	`webhook_status` integer
);
--> statement-breakpoint
CREATE INDEX `alerts_rule_idx` ON `alerts` (`rule`,`fired_at`);--> statement-breakpoint
CREATE TABLE `engagement_daily` (
	`day` text NOT NULL,
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`played_ms` real DEFAULT 0 NOT NULL,
	`starts` integer DEFAULT 0 NOT NULL,
	`completions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `profile_id`, `title_id`)
);
--> statement-breakpoint
CREATE INDEX `engagement_daily_title_idx` ON `engagement_daily` (`day`,`title_id`);--> statement-breakpoint
CREATE TABLE `experiment_unit_metrics` (
	`experiment_id` text NOT NULL,
	`profile_id` text NOT NULL,
	`variant` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`played_ms` real DEFAULT 0 NOT NULL,
	`completions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`experiment_id`, `profile_id`)
);
--> statement-breakpoint
CREATE INDEX `experiment_unit_metrics_variant_idx` ON `experiment_unit_metrics` (`experiment_id`,`variant`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`allocation_percent` integer NOT NULL,
	`variants` text NOT NULL,
	`targeting` text NOT NULL,
	`metrics` text NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experiments_name_unique` ON `experiments` (`name`);--> statement-breakpoint
CREATE INDEX `experiments_status_idx` ON `experiments` (`status`);--> statement-breakpoint
CREATE TABLE `qoe_active_views` (
	`minute` integer NOT NULL,
	`view_id` text NOT NULL,
	`title_id` text NOT NULL,
	PRIMARY KEY(`minute`, `view_id`)
);
--> statement-breakpoint
CREATE TABLE `qoe_batches` (
	`batch_id` text PRIMARY KEY NOT NULL,
	`view_id` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `qoe_batches_received_idx` ON `qoe_batches` (`received_at`);--> statement-breakpoint
CREATE TABLE `qoe_minute_rollups` (
	`minute` integer NOT NULL,
	`title_id` text NOT NULL,
	`device_type` text NOT NULL,
	`country` text NOT NULL,
	`abr_policy` text NOT NULL,
	`variant` text NOT NULL,
	`views_started` integer DEFAULT 0 NOT NULL,
	`first_frames` integer DEFAULT 0 NOT NULL,
	`startup_ms_sum` real DEFAULT 0 NOT NULL,
	`startup_ms_sum_squares` real DEFAULT 0 NOT NULL,
	`exits_before_start` integer DEFAULT 0 NOT NULL,
	`failed_views` integer DEFAULT 0 NOT NULL,
	`non_fatal_errors` integer DEFAULT 0 NOT NULL,
	`rebuffer_count` integer DEFAULT 0 NOT NULL,
	`rebuffer_ms` real DEFAULT 0 NOT NULL,
	`played_ms` real DEFAULT 0 NOT NULL,
	`bitrate_kbps_ms` real DEFAULT 0 NOT NULL,
	`upscaled_ms` real DEFAULT 0 NOT NULL,
	`dropped_frames` integer DEFAULT 0 NOT NULL,
	`rendition_switches` integer DEFAULT 0 NOT NULL,
	`seeks` integer DEFAULT 0 NOT NULL,
	`pauses` integer DEFAULT 0 NOT NULL,
	`views_ended` integer DEFAULT 0 NOT NULL,
	`completions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `title_id`, `device_type`, `country`, `abr_policy`, `variant`)
);
--> statement-breakpoint
CREATE TABLE `qoe_rendition_time` (
	`minute` integer NOT NULL,
	`title_id` text NOT NULL,
	`device_type` text NOT NULL,
	`country` text NOT NULL,
	`abr_policy` text NOT NULL,
	`variant` text NOT NULL,
	`height` integer NOT NULL,
	`bitrate_kbps` integer NOT NULL,
	`played_ms` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `title_id`, `device_type`, `country`, `abr_policy`, `variant`, `height`, `bitrate_kbps`)
);
--> statement-breakpoint
CREATE TABLE `qoe_startup_histogram` (
	`minute` integer NOT NULL,
	`title_id` text NOT NULL,
	`device_type` text NOT NULL,
	`country` text NOT NULL,
	`abr_policy` text NOT NULL,
	`variant` text NOT NULL,
	`bucket` integer NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `title_id`, `device_type`, `country`, `abr_policy`, `variant`, `bucket`)
);
