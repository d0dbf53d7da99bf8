/** The slice of mpd-parser's (untyped) API the tests use. */
declare module "mpd-parser" {
  export interface ParsedSegment {
    uri: string;
    resolvedUri: string;
    duration: number;
    number: number;
    presentationTime: number;
    map?: { uri: string; resolvedUri: string };
  }
  export interface ParsedPlaylist {
    attributes: Record<string, unknown> & { NAME: string; BANDWIDTH: number; CODECS?: string };
    resolvedUri: string;
    segments: ParsedSegment[];
  }
  export interface ParsedGroup {
    language: string;
    default: boolean;
    playlists: ParsedPlaylist[];
  }
  export interface ParsedManifest {
    duration: number;
    playlists: ParsedPlaylist[];
    mediaGroups: {
      AUDIO: Record<string, Record<string, ParsedGroup>>;
      SUBTITLES: Record<string, Record<string, ParsedGroup>>;
    };
  }
  export function parse(manifest: string, options?: { manifestUri?: string }): ParsedManifest;
}
