/**
 * `<media-controller>` as a plain tag in JSX: the watch page renders it
 * before media-chrome is loaded (player-chrome.tsx), with the attributes
 * media-chrome reads when it upgrades the element.
 */
import type { DetailedHTMLProps, HTMLAttributes, Ref } from "react";
import type { MediaController } from "media-chrome";

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "media-controller": Omit<
        DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>,
        "ref"
      > & {
        ref?: Ref<MediaController>;
        autohide?: string;
        defaultstreamtype?: string;
        defaultduration?: string;
        nohotkeys?: string;
        nosubtitleslangpref?: string;
        nomutedpref?: string;
      };
    }
  }
}
