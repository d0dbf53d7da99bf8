-- Custom migration (drizzle-kit generate --custom): Drizzle does not model
-- virtual tables. Full-text search over titles, with one row per title that
-- the application rewrites whenever the title, its genres or its credits
-- change (storage/catalog-search.ts).
--
-- unicode61 with remove_diacritics 2 folds accents both ways ("amelie" finds
-- "Amélie" and the reverse); the prefix indexes make "type-ahead" queries
-- (`"pla"*`) an index lookup instead of a scan.
CREATE VIRTUAL TABLE `title_search` USING fts5(
	title_id UNINDEXED,
	name,
	synopsis,
	genres,
	people,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4'
);
--> statement-breakpoint
-- Every indexed term with its document count: the vocabulary that typo
-- correction picks from.
CREATE VIRTUAL TABLE `title_search_terms` USING fts5vocab(`title_search`, 'row');
