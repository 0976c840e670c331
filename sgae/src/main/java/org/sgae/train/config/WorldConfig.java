package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * The synthetic world generated when no {@code --data} folder is given (vg150-format.md §8).
 *
 * @param images square images to generate
 * @param size   their side in pixels
 * @param seed   the generator's seed (independent of the training seed, so one world serves many runs)
 */
public record WorldConfig(int images, int size, long seed) {
    /** The generator's own lower bound on the image side. */
    static final int MIN_SIZE = 32;

    public WorldConfig validate() {
        require(images >= 1, "WorldConfig", "images", "must be >= 1", images);
        require(size >= MIN_SIZE, "WorldConfig", "size", "must be >= " + MIN_SIZE, size);
        return this;
    }
}
