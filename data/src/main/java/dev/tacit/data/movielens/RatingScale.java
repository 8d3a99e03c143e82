package dev.tacit.data.movielens;

import java.util.Locale;
import java.util.Optional;

/**
 * The scale of a ratings file: every rating is {@code min + k·step} for a whole k, from {@code min} to {@code max}.
 * MovieLens uses two: whole stars 1 to 5 (100K, 1M) and half stars 0.5 to 5 (10M and later).
 *
 * @param min  the lowest rating
 * @param max  the highest rating
 * @param step the distance between two neighbouring ratings
 */
public record RatingScale(double min, double max, double step) {

    /** Whole stars from 1 to 5: MovieLens 100K and 1M. */
    public static final RatingScale WHOLE = new RatingScale(1, 5, 1);
    /** Half stars from 0.5 to 5: MovieLens 10M, 20M, 25M and 32M. */
    public static final RatingScale HALF = new RatingScale(0.5, 5, 0.5);

    /** Validates the bounds and that the step divides the range into at most 1000 levels. */
    public RatingScale {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("a rating scale needs finite min < max, got " + min + " to " + max);
        }
        double levels = (max - min) / step;
        if (!(step > 0) || levels > 1000 || Math.abs(levels - Math.rint(levels)) > 1e-9) {
            throw new IllegalArgumentException("the step " + step + " must divide " + min + " to " + max
                    + " into at most 1000 equal parts");
        }
    }

    /**
     * @param text {@code 1-5} (or {@code whole}) or {@code 0.5-5} (or {@code half})
     * @return the scale it names, if any
     */
    public static Optional<RatingScale> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1-5", "whole" -> Optional.of(WHOLE);
            case "0.5-5", "half" -> Optional.of(HALF);
            default -> Optional.empty();
        };
    }

    /** @return the number of distinct ratings: 5 for whole stars, 10 for half stars */
    public int levels() {
        return (int) Math.rint((max - min) / step) + 1;
    }

    /**
     * @param k 0 to {@link #levels()} − 1
     * @return the k-th rating from the bottom
     */
    public double level(int k) {
        return min + k * step;
    }

    /**
     * @param x any real number
     * @return the nearest rating of the scale (values beyond either end become that end)
     */
    public double quantise(double x) {
        double k = Math.floor((x - min) / step + 0.5);
        return level((int) Math.max(0, Math.min(levels() - 1, k)));
    }

    /**
     * @param x any real number
     * @return x limited to [min, max]
     */
    public double clip(double x) {
        return Math.max(min, Math.min(max, x));
    }

    /**
     * @param rating a value
     * @return whether it is one of the scale's ratings
     */
    public boolean contains(double rating) {
        double k = (rating - min) / step;
        return k >= -1e-9 && k <= levels() - 1 + 1e-9 && Math.abs(k - Math.rint(k)) < 1e-9;
    }

    /** @return how users write the scale: {@code 1-5}, {@code 0.5-5} */
    public String label() {
        return format(min) + "-" + format(max);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return label() + (step == 1 ? " (whole stars)" : step == 0.5 ? " (half stars)" : " in steps of " + step);
    }
}
