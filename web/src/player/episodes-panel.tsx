/**
 * The season's episodes over the player, to pick another: the title page's
 * episode picker in a dialog, opened at the season playing. Choosing one
 * navigates to it, which starts a new session (watch-page.tsx).
 */
import type { TitleDetails } from "../api/types.ts";
import { Dialog } from "../components/dialog.tsx";
import { EpisodePicker } from "../pages/episode-picker.tsx";

interface EpisodesPanelProps {
  title: TitleDetails;
  episodeId: string | null;
  onClose: () => void;
}

export function EpisodesPanel({ title, episodeId, onClose }: EpisodesPanelProps) {
  return (
    <Dialog title={title.name} onClose={onClose}>
      <EpisodePicker titleId={title.id} seasons={title.seasons} resumeEpisodeId={episodeId} />
    </Dialog>
  );
}
