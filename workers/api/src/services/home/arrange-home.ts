/**
 * A built home page as one profile's product config shows it: the rows in
 * the order an experiment sets (lib/catalog/home-rows.ts `orderRows`) and
 * every card with the artwork it chooses. Applied when a page is served,
 * so the generic home cached for everyone stays one page per maturity
 * level.
 */
import { orderRows } from "../../../../../lib/catalog/home-rows.ts";
import type { ProductConfig } from "../../../../../lib/experiments/product-config.ts";
import { cardImage } from "../catalog-reader.ts";
import type { Home } from "./build-home.ts";

export type HomeArrangement = Pick<ProductConfig, "homeRowOrder" | "artwork">;

export function arrangeHome(home: Home, { homeRowOrder, artwork }: HomeArrangement): Home {
  const titles = Object.fromEntries(
    Object.entries(home.titles).map(([id, card]) => [
      id,
      { ...card, cardImage: cardImage(card, artwork) },
    ]),
  );
  return { ...home, rows: orderRows(home.rows, homeRowOrder), titles };
}
