package dev.tacit.data.movielens;

import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import dev.tacit.data.RatingSet;
import dev.tacit.data.Seeds;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A division of a dataset's ratings into training, validation and test ratings, as rating indices.
 *
 * <p>The validation ratings are carved out of the training ratings (never out of the test ratings), uniformly from
 * the seed's {@link Seeds.Purpose#VALIDATION} stream: they steer early stopping and every choice of epoch or λ, and
 * the test ratings are scored once, at the end. The test split uses the {@link Seeds.Purpose#SPLIT} stream, so the
 * validation fraction never changes which ratings are test ratings.
 */
public final class Split {

    /** The largest validation fraction accepted. */
    public static final double MAX_VALIDATION = 0.5;

    private final String name;
    private final int[] train;
    private final int[] validation;
    private final int[] test;

    private Split(String name, int[] train, int[] validation, int[] test) {
        this.name = name;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * @param data               the dataset
     * @param spec               how to choose the test ratings
     * @param validationFraction share of the training ratings held out for validation, in [0, 0.5]
     * @param seed               the seed of the random choices (ignored by a release split's test part)
     * @return the split
     * @throws InvalidValueException naming {@code validation} if the fraction is out of range
     * @throws MalformedFileException if a release split's files are missing or malformed
     * @throws dev.tacit.api.UsageException if the data ships no release split of that name
     */
    public static Split of(RatingSet data, SplitSpec spec, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= MAX_VALIDATION)) {
            throw new InvalidValueException("validation", validationFraction, "a fraction of the training ratings in "
                    + "[0, " + MAX_VALIDATION + "], for example 0.05");
        }
        int n = data.size();
        int[] trainAll;
        int[] test;
        String name;
        if (spec instanceof SplitSpec.Release r) {
            int[][] parts = data.releaseSplit(r.name());
            trainAll = parts[0];
            test = parts[1];
            name = r.name();
        } else if (spec instanceof SplitSpec.All) {
            trainAll = new int[n];
            for (int k = 0; k < n; k++) {
                trainAll[k] = k;
            }
            test = new int[0];
            name = "all ratings train";
        } else if (spec instanceof SplitSpec.Random r) {
            int[] perm = permutation(n, Seeds.stream(seed, Seeds.Purpose.SPLIT));
            int cut = (int) Math.round(r.trainFraction() * n);
            trainAll = Arrays.copyOfRange(perm, 0, cut);
            test = Arrays.copyOfRange(perm, cut, n);
            long trainPercent = Math.round(100 * r.trainFraction());
            name = "random " + trainPercent + ":" + (100 - trainPercent) + " seed " + seed;
        } else {
            SplitSpec.KFold f = (SplitSpec.KFold) spec;
            int[] perm = permutation(n, Seeds.stream(seed, Seeds.Purpose.SPLIT));
            int from = (int) ((long) (f.fold() - 1) * n / f.folds());
            int to = (int) ((long) f.fold() * n / f.folds());
            test = Arrays.copyOfRange(perm, from, to);
            trainAll = new int[n - (to - from)];
            System.arraycopy(perm, 0, trainAll, 0, from);
            System.arraycopy(perm, to, trainAll, from, n - to);
            name = "fold " + f.fold() + " of " + f.folds() + " seed " + seed;
        }
        if (trainAll.length == 0 || (test.length == 0 && !(spec instanceof SplitSpec.All))) {
            throw new InvalidValueException("split", spec.text(), "a split that leaves both training and test "
                    + "ratings (the data has " + n + " ratings)");
        }
        int[] shuffled = trainAll.clone();
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.VALIDATION);
        shuffle(shuffled, rng);
        int held = (int) Math.round(validationFraction * shuffled.length);
        int[] validation = Arrays.copyOfRange(shuffled, 0, held);
        int[] train = Arrays.copyOfRange(shuffled, held, shuffled.length);
        Arrays.sort(train);
        Arrays.sort(validation);
        Arrays.sort(test);
        if (held > 0) {
            name += String.format(Locale.ROOT, ", validation %.4g%% of training", 100 * validationFraction);
        }
        return new Split(name, train, validation, test);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = k;
        }
        shuffle(p, rng);
        return p;
    }

    /** Fisher-Yates, from the last position down. */
    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int pick = rng.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[pick];
            a[pick] = tmp;
        }
    }

    /** @return a short description, for example {@code random 90:10 seed 0, validation 5% of training} */
    public String name() {
        return name;
    }

    /** @return the training rating indices (without the validation ones), ascending */
    public int[] train() {
        return train.clone();
    }

    /** @return the validation rating indices, ascending (empty if none were held out) */
    public int[] validation() {
        return validation.clone();
    }

    /** @return the test rating indices, ascending */
    public int[] test() {
        return test.clone();
    }

    /**
     * @param data the dataset this split was made from
     * @return the completion problem on the users×items matrix, with the raw ratings as values and no known truth
     */
    public CompletionProblem problem(RatingSet data) {
        return new CompletionProblem(data.name() + " " + name, data.observations(train),
                data.observations(validation), data.observations(test), Optional.empty());
    }
}
