package dev.tacit.data.synth;

import java.util.Arrays;

/**
 * How ratings spread over users or items: the figures that show a heavy tail.
 *
 * @param count      users or items in all
 * @param active     those with at least one rating
 * @param max        the most ratings of one
 * @param median     the median number of ratings (over all, including those without any)
 * @param mean       the mean number of ratings
 * @param gini       the Gini coefficient of the counts: 0 if all have as many, towards 1 as a few hold them all
 *                   (MovieLens-100K: 0.47 over users, 0.63 over items)
 * @param top10Share the share of all ratings held by the most active tenth
 */
public record Activity(int count, int active, long max, double median, double mean, double gini, double top10Share) {

    /**
     * @param counts ratings of each user or item
     * @return their figures
     */
    public static Activity of(long[] counts) {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double total = 0;
        double weighted = 0;
        int active = 0;
        for (int k = 0; k < n; k++) {
            total += sorted[k];
            weighted += (2.0 * (k + 1) - n - 1) * sorted[k];
            active += sorted[k] > 0 ? 1 : 0;
        }
        double median = n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        int top = Math.max(1, n / 10);
        double topSum = 0;
        for (int k = n - top; k < n; k++) {
            topSum += sorted[k];
        }
        return new Activity(n, active, n == 0 ? 0 : sorted[n - 1], median, n == 0 ? 0 : total / n,
                total == 0 ? 0 : weighted / (n * total), total == 0 ? 0 : topSum / total);
    }
}
