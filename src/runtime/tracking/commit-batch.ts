/**
 * Commits asked for while one task of the page runs reach the LMS as one Commit, and a refused
 * Commit is tried once more before anyone is told.
 *
 * A SCORM Commit sends the whole data model. Moodle 4.5 posts every element, by synchronous XHR,
 * or by `sendBeacon` once its player page believes it is unloading, which it does for good after
 * the trainee used Moodle's own ">" or table of contents; a beacon carries the elements as
 * multipart form data (about 22 KB for the sample's final test after its 30 answers). The
 * browser refuses beacons past 64 KB in flight, and Moodle answers such a Commit "false" (101)
 * and stores nothing of it. A hand-in that committed once per answer lost most of its Commits;
 * one Commit per task loses at most one that follows the last too closely, and its retry goes
 * once the earlier beacon has landed (each Commit carries everything, so nothing is lost).
 */

/** Long enough for a beacon in flight to land, short enough that a trainee still on the page sees a lasting failure. */
export const COMMIT_RETRY_MS = 1500;

export class CommitBatch {
  private queued = false;
  private pending = false;
  private inRetry = false;

  /** @param flush commits what is dirty; returns false when the LMS refused it */
  constructor(
    private readonly flush: () => boolean,
    private readonly retryMs = COMMIT_RETRY_MS,
  ) {}

  /** Commit once the current task is done (a microtask, so before any frame can go away). */
  soon(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.flush();
    });
  }

  /**
   * After a refused Commit: true while a retry is pending (the caller keeps its data dirty and
   * says nothing yet, the retry carries everything); false when the retry itself was refused.
   */
  retryLater(): boolean {
    if (this.inRetry) return false;
    if (!this.pending) {
      this.pending = true;
      setTimeout(() => {
        this.pending = false;
        this.inRetry = true;
        try {
          this.flush();
        } finally {
          this.inRetry = false;
        }
      }, this.retryMs);
    }
    return true;
  }
}
