package dev.tacit.data.synth;

import dev.tacit.api.InvalidValueException;
import dev.tacit.data.movielens.RatingScale;

/**
 * The settings of {@link SyntheticRatings}: how many ratings of how many users on how many items, and the model they
 * come from. A rating of user u on item i is
 * <pre>  r = quantise(μ + b_u + b_i + ⟨p_u, q_i⟩ + ε),   b_u ~ N(0, userBias²), b_i ~ N(0, itemBias²),
 *        p_u, q_i ~ N(0, s² I_rank) with rank·s⁴ = signal²,   ε ~ N(0, noise²)</pre>
 * where {@code quantise} rounds to the nearest rating of the scale and clips to its ends.
 *
 * <p>Activity: user u rates {@code minPerUser} + x_u items, x_u proportional to a log-normal draw exp(userSkew·z);
 * items are drawn with probabilities proportional to exp(itemSkew·z). Both are capped (a user rates at most half the
 * items, an item is expected from at most half the users, unless the requested density needs more) with the excess
 * spread over the others.
 *
 * @param ratings    number of ratings, from {@code users·minPerUser} to users·items (and at most 2³¹ − 1)
 * @param users      number of users, at least 1
 * @param items      number of items, at least 1
 * @param rank       rank of the interaction term, 1 to min(users, items, 256), with users·rank and items·rank at
 *                   most 10⁸
 * @param noise      standard deviation of ε before quantisation: 0, or 0.001 to 10
 * @param seed       the seed: the same settings and seed give the same file, byte for byte
 * @param scale      {@link RatingScale#WHOLE} or {@link RatingScale#HALF}
 * @param userSkew   σ of the users' log-normal activity, 0 (every user alike) to 4
 * @param itemSkew   σ of the items' log-normal popularity, 0 (every item alike) to 4
 * @param minPerUser ratings every user has at least, 1 to min(items, ratings / users)
 * @param mean       μ, within the scale
 * @param userBias   standard deviation of b_u, 0 to 10
 * @param itemBias   standard deviation of b_i, 0 to 10
 * @param signal     standard deviation of ⟨p_u, q_i⟩, 0 to 10
 */
public record SynthSpec(long ratings, int users, int items, int rank, double noise, long seed, RatingScale scale,
                        double userSkew, double itemSkew, int minPerUser, double mean, double userBias,
                        double itemBias, double signal) {

    /** The default rank of the interaction term. */
    public static final int DEFAULT_RANK = 10;
    /** The default noise: with the defaults below the ratings' spread is MovieLens's (about 1.06 for whole stars). */
    public static final double DEFAULT_NOISE = 0.75;
    /**
     * The default user skew, fitted to MovieLens-100K: at its size (100,000 ratings, 943 users, 1682 items) it gives
     * its users' Gini coefficient 0.47 and median 64 ratings (the release: 0.47 and 65).
     */
    public static final double DEFAULT_USER_SKEW = 1.2;
    /**
     * The default item skew, fitted the same way: its items' Gini coefficient 0.64 and median 24 ratings (the
     * release: 0.63 and 27).
     */
    public static final double DEFAULT_ITEM_SKEW = 1.8;
    /** Every MovieLens user has at least 20 ratings; the default floor where the density allows it. */
    public static final int MOVIELENS_MIN_PER_USER = 20;
    /** The default μ: MovieLens's mean rating is about 3.5. */
    public static final double DEFAULT_MEAN = 3.5;
    /** The default standard deviation of the user biases. */
    public static final double DEFAULT_USER_BIAS = 0.35;
    /** The default standard deviation of the item biases. */
    public static final double DEFAULT_ITEM_BIAS = 0.45;
    /** The default standard deviation of the interaction ⟨p_u, q_i⟩. */
    public static final double DEFAULT_SIGNAL = 0.45;
    /** The largest rank accepted. */
    public static final int MAX_RANK = 256;
    /** The most factors of one side (users × rank or items × rank): 800 MB of doubles. */
    public static final long MAX_FACTORS = 100_000_000L;

    /** Checks every setting, naming it and its bounds. */
    public SynthSpec {
        if (users < 1) {
            throw new InvalidValueException("users", users, "at least 1");
        }
        if (items < 1) {
            throw new InvalidValueException("items", items, "at least 1");
        }
        if (minPerUser < 1 || minPerUser > items) {
            throw new InvalidValueException("min_per_user", minPerUser, "between 1 and the number of items, " + items);
        }
        long most = Math.min((long) users * items, Integer.MAX_VALUE);
        if (ratings < (long) users * minPerUser || ratings > most) {
            throw new InvalidValueException("ratings", ratings, "between " + (long) users * minPerUser + " (users × "
                    + minPerUser + " per user) and " + most + " for " + users + " users and " + items + " items");
        }
        int maxRank = (int) Math.min(Math.min(MAX_RANK, Math.min(users, items)),
                MAX_FACTORS / Math.max(users, items));
        if (rank < 1 || rank > maxRank) {
            throw new InvalidValueException("rank", rank, "between 1 and " + maxRank + " for " + users + " users and "
                    + items + " items");
        }
        if (!(noise == 0 || (noise >= 0.001 && noise <= 10))) {
            throw new InvalidValueException("noise", noise, "0, or between 0.001 and 10");
        }
        if (!scale.equals(RatingScale.WHOLE) && !scale.equals(RatingScale.HALF)) {
            throw new InvalidValueException("scale", scale.label(), "1-5 (whole stars) or 0.5-5 (half stars)");
        }
        requireBetween("user_skew", userSkew, 0, 4);
        requireBetween("item_skew", itemSkew, 0, 4);
        requireBetween("mean", mean, scale.min(), scale.max());
        requireBetween("user_bias", userBias, 0, 10);
        requireBetween("item_bias", itemBias, 0, 10);
        requireBetween("signal", signal, 0, 10);
    }

    private static void requireBetween(String setting, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidValueException(setting, value, "between " + min + " and " + max);
        }
    }

    /**
     * The defaults for a size: rank 10, noise 0.75, seed 0, whole stars, MovieLens-like activity and biases.
     *
     * @param ratings number of ratings
     * @param users   number of users
     * @param items   number of items
     * @return the settings
     */
    public static SynthSpec of(long ratings, int users, int items) {
        return new SynthSpec(ratings, users, items, Math.min(DEFAULT_RANK, Math.max(1, Math.min(users, items))),
                DEFAULT_NOISE, 0, RatingScale.WHOLE, DEFAULT_USER_SKEW, DEFAULT_ITEM_SKEW,
                defaultMinPerUser(ratings, users, items), DEFAULT_MEAN, DEFAULT_USER_BIAS, DEFAULT_ITEM_BIAS,
                DEFAULT_SIGNAL);
    }

    /**
     * @param ratings number of ratings
     * @param users   number of users
     * @param items   number of items
     * @return MovieLens's 20 where the density allows it, else half the mean number of ratings per user (at least 1)
     */
    public static int defaultMinPerUser(long ratings, int users, int items) {
        long half = ratings / (2L * Math.max(1, users));
        return (int) Math.max(1, Math.min(Math.min(MOVIELENS_MIN_PER_USER, half), items));
    }

    /**
     * @param r the rank
     * @return these settings with that rank
     */
    public SynthSpec withRank(int r) {
        return new SynthSpec(ratings, users, items, r, noise, seed, scale, userSkew, itemSkew, minPerUser, mean,
                userBias, itemBias, signal);
    }

    /**
     * @param sd the noise's standard deviation
     * @return these settings with that noise
     */
    public SynthSpec withNoise(double sd) {
        return new SynthSpec(ratings, users, items, rank, sd, seed, scale, userSkew, itemSkew, minPerUser, mean,
                userBias, itemBias, signal);
    }

    /**
     * @param s the seed
     * @return these settings with that seed
     */
    public SynthSpec withSeed(long s) {
        return new SynthSpec(ratings, users, items, rank, noise, s, scale, userSkew, itemSkew, minPerUser, mean,
                userBias, itemBias, signal);
    }

    /**
     * @param s the scale
     * @return these settings on that scale
     */
    public SynthSpec withScale(RatingScale s) {
        return new SynthSpec(ratings, users, items, rank, noise, seed, s, userSkew, itemSkew, minPerUser, mean,
                userBias, itemBias, signal);
    }

    /**
     * @param user σ of the users' log-normal activity
     * @param item σ of the items' log-normal popularity
     * @return these settings with that skew
     */
    public SynthSpec withSkew(double user, double item) {
        return new SynthSpec(ratings, users, items, rank, noise, seed, scale, user, item, minPerUser, mean, userBias,
                itemBias, signal);
    }

    /**
     * @param min ratings every user has at least
     * @return these settings with that floor
     */
    public SynthSpec withMinPerUser(int min) {
        return new SynthSpec(ratings, users, items, rank, noise, seed, scale, userSkew, itemSkew, min, mean, userBias,
                itemBias, signal);
    }

    /**
     * @param mu        μ
     * @param userSd    standard deviation of b_u
     * @param itemSd    standard deviation of b_i
     * @param signalSd  standard deviation of ⟨p_u, q_i⟩
     * @return these settings with that model
     */
    public SynthSpec withModel(double mu, double userSd, double itemSd, double signalSd) {
        return new SynthSpec(ratings, users, items, rank, noise, seed, scale, userSkew, itemSkew, minPerUser, mu,
                userSd, itemSd, signalSd);
    }
}
