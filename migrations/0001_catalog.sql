CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_account_id` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_time_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `credits` (
	`title_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`character` text,
	`position` integer NOT NULL,
	PRIMARY KEY(`title_id`, `person_id`, `role`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credits_person_idx` ON `credits` (`person_id`);--> statement-breakpoint
CREATE TABLE `episodes` (
	`id` text PRIMARY KEY NOT NULL,
	`title_id` text NOT NULL,
	`season_id` text NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`synopsis` text DEFAULT '' NOT NULL,
	`runtime_minutes` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `episodes_season_number_unique` ON `episodes` (`season_id`,`number`);--> statement-breakpoint
CREATE INDEX `episodes_title_idx` ON `episodes` (`title_id`);--> statement-breakpoint
CREATE TABLE `genres` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `genres_name_unique` ON `genres` (`name`);--> statement-breakpoint
CREATE TABLE `my_list` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`profile_id`, `title_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `my_list_recent_idx` ON `my_list` (`profile_id`,`added_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_name_unique` ON `people` (`name`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`value` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`profile_id`, `title_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ratings_value_allowed" CHECK("ratings"."value" in (-1, 1, 2))
);
--> statement-breakpoint
CREATE INDEX `ratings_title_idx` ON `ratings` (`title_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`body` text NOT NULL,
	`moderation_state` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_profile_title_unique` ON `reviews` (`profile_id`,`title_id`);--> statement-breakpoint
CREATE INDEX `reviews_title_state_idx` ON `reviews` (`title_id`,`moderation_state`,`created_at`);--> statement-breakpoint
CREATE TABLE `seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`title_id` text NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`synopsis` text DEFAULT '' NOT NULL,
	`year` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seasons_title_number_unique` ON `seasons` (`title_id`,`number`);--> statement-breakpoint
CREATE TABLE `title_genres` (
	`title_id` text NOT NULL,
	`genre_id` text NOT NULL,
	PRIMARY KEY(`title_id`, `genre_id`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`genre_id`) REFERENCES `genres`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `title_genres_genre_idx` ON `title_genres` (`genre_id`);--> statement-breakpoint
CREATE TABLE `title_similarities` (
	`title_id` text NOT NULL,
	`similar_title_id` text NOT NULL,
	`score` real NOT NULL,
	`rank` integer NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`title_id`, `similar_title_id`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`similar_title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `title_similarities_rank_idx` ON `title_similarities` (`title_id`,`rank`);--> statement-breakpoint
CREATE TABLE `titles` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`synopsis` text NOT NULL,
	`year` integer NOT NULL,
	`released_on` text NOT NULL,
	`runtime_minutes` integer,
	`rating` text NOT NULL,
	`maturity_rank` integer NOT NULL,
	`languages` text NOT NULL,
	`poster_key` text,
	`backdrop_key` text,
	`logo_key` text,
	`published` integer DEFAULT false NOT NULL,
	`published_at` integer,
	`view_count` integer DEFAULT 0 NOT NULL,
	`my_list_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `titles_slug_unique` ON `titles` (`slug`);--> statement-breakpoint
CREATE INDEX `titles_name_idx` ON `titles` (`name`);--> statement-breakpoint
CREATE INDEX `titles_year_idx` ON `titles` (`year`);--> statement-breakpoint
CREATE INDEX `titles_maturity_idx` ON `titles` (`published`,`maturity_rank`);--> statement-breakpoint
CREATE INDEX `titles_popularity_idx` ON `titles` (`published`,`view_count`);--> statement-breakpoint
CREATE INDEX `titles_released_idx` ON `titles` (`published`,`released_on`);--> statement-breakpoint
CREATE TABLE `views` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`episode_id` text,
	`viewed_at` integer NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `views_title_time_idx` ON `views` (`title_id`,`viewed_at`);--> statement-breakpoint
CREATE INDEX `views_profile_time_idx` ON `views` (`profile_id`,`viewed_at`);--> statement-breakpoint
CREATE TABLE `watch_progress` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`episode_id` text,
	`position_seconds` integer NOT NULL,
	`duration_seconds` integer NOT NULL,
	`completed` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`profile_id`, `title_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `watch_progress_recent_idx` ON `watch_progress` (`profile_id`,`updated_at`);