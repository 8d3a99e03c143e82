package dev.tacit.data.movielens;

import dev.tacit.api.InvalidValueException;
import java.util.Locale;

/**
 * How the ratings are divided into training and test ratings, as users write it: a training fraction for a random
 * rating-level split ({@code 0.9} for 90:10), a split shipped with the release ({@code u1}..{@code u5}, {@code ua},
 * {@code ub}), one fold of a seeded k-fold partition ({@code kfold:5:1}, the first of five), or {@code all}.
 */
public sealed interface SplitSpec {

    /** What {@code --split} accepts, completing "must be ...". */
    String ACCEPTED = "a training fraction in (0, 1) such as 0.9 (90:10) or 0.8 (80:20), a release split (u1..u5, "
            + "ua, ub), kfold:K:I (fold I of K, for example kfold:5:1) or all (every rating trains; test ratings "
            + "come from elsewhere)";

    /** @return the spec as users write it */
    String text();

    /**
     * A random rating-level split: exactly {@code round(fraction·n)} ratings, chosen uniformly from the seed, train;
     * the others test.
     *
     * @param trainFraction the training share, strictly between 0 and 1
     */
    record Random(double trainFraction) implements SplitSpec {
        /** Validates the fraction. */
        public Random {
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new InvalidValueException("split", trainFraction, ACCEPTED);
            }
        }

        @Override
        public String text() {
            return Double.toString(trainFraction);
        }
    }

    /**
     * One of the release's own splits, read from {@code <name>.base} and {@code <name>.test}.
     *
     * @param name one of {@link MovieLens100k#RELEASE_SPLITS}
     */
    record Release(String name) implements SplitSpec {
        /** Validates the name. */
        public Release {
            if (!MovieLens100k.RELEASE_SPLITS.contains(name)) {
                throw new InvalidValueException("split", name, ACCEPTED);
            }
        }

        @Override
        public String text() {
            return name;
        }
    }

    /**
     * Fold {@code fold} of a seeded partition of the ratings into {@code folds} parts of (nearly) equal size; the fold
     * is the test part and the others train.
     *
     * @param folds K, at least 2
     * @param fold  I, from 1 to K
     */
    record KFold(int folds, int fold) implements SplitSpec {
        /** Validates K and I. */
        public KFold {
            if (folds < 2 || folds > 1000 || fold < 1 || fold > folds) {
                throw new InvalidValueException("split", "kfold:" + folds + ":" + fold, "kfold:K:I with 2 <= K <= 1000 "
                        + "and 1 <= I <= K");
            }
        }

        @Override
        public String text() {
            return "kfold:" + folds + ":" + fold;
        }
    }

    /** Every rating trains (and validates): the test ratings, if any, are given separately. */
    record All() implements SplitSpec {
        @Override
        public String text() {
            return "all";
        }
    }

    /**
     * @param text what the user wrote
     * @return the spec
     * @throws InvalidValueException naming {@code split} if it is none of the accepted forms
     */
    static SplitSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return new All();
        }
        if (MovieLens100k.RELEASE_SPLITS.contains(t)) {
            return new Release(t);
        }
        if (t.startsWith("kfold:")) {
            String[] parts = t.split(":", -1);
            try {
                if (parts.length == 3) {
                    return new KFold(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidValueException("split", text, ACCEPTED);
        }
        double fraction;
        try {
            fraction = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("split", text, ACCEPTED);
        }
        return new Random(fraction);
    }
}
