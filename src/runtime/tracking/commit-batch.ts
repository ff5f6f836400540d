/**
 * Commits asked for while one task of the page runs reach the LMS as one Commit.
 *
 * A SCORM Commit sends the whole data model: Moodle 4.5 posts every element (22 KB for the
 * sample's final test after its 30 answers), by synchronous XHR, or by `sendBeacon` once its
 * player page believes it is unloading, which it does for good after the trainee used Moodle's
 * own ">" or table of contents. A hand-in that committed once per answer sent 30 copies in one
 * go: the browser refuses beacons past 64 KB in flight, and Moodle answered those Commits
 * "false" (101) and stored nothing of them. Committing at the end of the task sends one.
 */
export class CommitBatch {
  private queued = false;

  constructor(private readonly flush: () => void) {}

  /** Commit once the current task is done (a microtask, so before any frame can go away). */
  soon(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.flush();
    });
  }
}
