package dev.tacit.data;

import java.util.SplittableRandom;

/**
 * One user-facing seed, several independent random streams: each purpose gets its own child of the root generator,
 * so changing how many samples one purpose draws never shifts another (the same seed gives the same W* whatever
 * |Ω|, and the same initialisation whatever the data).
 */
public final class Seeds {

    /** What a stream is used for; the order fixes which child of the root each purpose gets. */
    public enum Purpose {
        /** The ground-truth matrix. */
        TRUTH,
        /** The choice of observed entries. */
        SAMPLE,
        /** The initial parameters of a model. */
        INIT,
        /** Splits of a dataset into train, validation and test. */
        SPLIT,
        /** Mini-batch order and other randomness during training. */
        TRAINING,
        /** The validation ratings carved out of a dataset's training ratings. */
        VALIDATION
    }

    private Seeds() {
    }

    /**
     * @param seed    the user's seed
     * @param purpose what the stream is for
     * @return a generator for that purpose, the same for the same arguments
     */
    public static SplittableRandom stream(long seed, Purpose purpose) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom child = root.split();
        for (int k = 0; k < purpose.ordinal(); k++) {
            child = root.split();
        }
        return child;
    }
}
