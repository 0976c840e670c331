package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * How a run reports and saves itself.
 *
 * @param logEvery        iterations between run-log lines (the only steps that read loss values to the host)
 * @param checkpointEvery iterations between checkpoints (the last iteration is always saved)
 * @param keepCheckpoints how many of the newest checkpoints stay on disk (older ones are deleted)
 */
public record RunConfig(int logEvery, int checkpointEvery, int keepCheckpoints) {
    public RunConfig validate() {
        require(logEvery >= 1, "RunConfig", "logEvery", "must be >= 1", logEvery);
        require(checkpointEvery >= 1, "RunConfig", "checkpointEvery", "must be >= 1", checkpointEvery);
        require(keepCheckpoints >= 1, "RunConfig", "keepCheckpoints", "must be >= 1", keepCheckpoints);
        return this;
    }
}
