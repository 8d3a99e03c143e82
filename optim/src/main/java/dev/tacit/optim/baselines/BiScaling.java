package dev.tacit.optim.baselines;

/**
 * Row and column centring and scaling of a partly observed matrix, "biScale" of Hastie, Mazumder, Lee and Zadeh
 * ("Matrix completion and low-rank SVD via fast alternating least squares", JMLR 16, 2015): find α, β, τ, γ with
 * <pre>
 *   X̃_ij = (X_ij − α_i − β_j) / (τ_i γ_j)
 * </pre>
 * such that every row and column of X̃ has mean 0 and variance 1 over its observed entries. It alternates the
 * weighted moment equations
 * <pre>
 *   α_i = Σ_j (X_ij − β_j)/γ_j / Σ_j 1/γ_j          β_j = Σ_i (X_ij − α_i)/τ_i / Σ_i 1/τ_i
 *   τ_i² = mean_j (X_ij − α_i − β_j)²/γ_j²          γ_j² = mean_i (X_ij − α_i − β_j)²/τ_i²
 * </pre>
 * (sums over the observed entries of the row or column) from α = 0, τ = 1, β and γ the column means and standard
 * deviations, as the study's reference implementation did. Its residual is Σ (row means of X̃)² + Σ (column means)²
 * + Σ log²(row variances) + Σ log²(column variances); it stops when one round lowers the residual by less than the
 * given fraction, or at the iteration cap (the reference: 1e-3 and 100).
 *
 * <p>A variance of 0 (a row or column with one observation, or constant values) is taken as 1, as in the reference;
 * a row or column with no observation gets α = 0 (β = 0) and τ = 1 (γ = 1), where the reference would stop with an
 * error, so that sparse samples of a sweep still run.
 */
final class BiScaling {

    final double[] rowCentre;
    final double[] colCentre;
    final double[] rowScale;
    final double[] colScale;
    final int iterations;
    final boolean converged;

    private BiScaling(double[] rowCentre, double[] colCentre, double[] rowScale, double[] colScale, int iterations,
                      boolean converged) {
        this.rowCentre = rowCentre;
        this.colCentre = colCentre;
        this.rowScale = rowScale;
        this.colScale = colScale;
        this.iterations = iterations;
        this.converged = converged;
    }

    /**
     * Estimates the centres and scales.
     *
     * @param e             the observed entries
     * @param tolerance     stop when a round lowers the residual by less than this fraction
     * @param maxIterations the cap on rounds
     * @return the fitted scaling
     */
    static BiScaling fit(EntryIndex e, double tolerance, int maxIterations) {
        int[] rowCount = e.rowCounts();
        int[] colCount = e.colCounts();
        double[] alpha = new double[e.rows];
        double[] tau = ones(e.rows);
        double[] beta = new double[e.cols];
        double[] gamma = ones(e.cols);
        // Start: column means and standard deviations of the raw values.
        double[] sum = new double[e.cols];
        for (int k = 0; k < e.size; k++) {
            sum[e.col[k]] += e.value[k];
        }
        for (int j = 0; j < e.cols; j++) {
            beta[j] = colCount[j] == 0 ? 0 : sum[j] / colCount[j];
        }
        double[] sq = new double[e.cols];
        for (int k = 0; k < e.size; k++) {
            double d = e.value[k] - beta[e.col[k]];
            sq[e.col[k]] += d * d;
        }
        for (int j = 0; j < e.cols; j++) {
            gamma[j] = scaleOrOne(sq[j], colCount[j]);
        }
        double last = residual(e, alpha, beta, tau, gamma, rowCount, colCount);
        int it = 0;
        boolean converged = false;
        while (it < maxIterations && !converged) {
            if (last == 0) {
                converged = true;
                break;
            }
            it++;
            // Row centres given the column centres and scales, then column centres given the row centres and scales.
            double[] num = new double[e.rows];
            double[] den = new double[e.rows];
            for (int k = 0; k < e.size; k++) {
                double w = 1 / gamma[e.col[k]];
                num[e.row[k]] += w * (e.value[k] - beta[e.col[k]]);
                den[e.row[k]] += w;
            }
            for (int i = 0; i < e.rows; i++) {
                alpha[i] = rowCount[i] == 0 ? 0 : num[i] / den[i];
            }
            num = new double[e.cols];
            den = new double[e.cols];
            for (int k = 0; k < e.size; k++) {
                double w = 1 / tau[e.row[k]];
                num[e.col[k]] += w * (e.value[k] - alpha[e.row[k]]);
                den[e.col[k]] += w;
            }
            for (int j = 0; j < e.cols; j++) {
                beta[j] = colCount[j] == 0 ? 0 : num[j] / den[j];
            }
            // Row scales given the column scales, then column scales given the new row scales.
            double[] rowSq = new double[e.rows];
            for (int k = 0; k < e.size; k++) {
                double d = (e.value[k] - alpha[e.row[k]] - beta[e.col[k]]) / gamma[e.col[k]];
                rowSq[e.row[k]] += d * d;
            }
            for (int i = 0; i < e.rows; i++) {
                tau[i] = scaleOrOne(rowSq[i], rowCount[i]);
            }
            double[] colSq = new double[e.cols];
            for (int k = 0; k < e.size; k++) {
                double d = (e.value[k] - alpha[e.row[k]] - beta[e.col[k]]) / tau[e.row[k]];
                colSq[e.col[k]] += d * d;
            }
            for (int j = 0; j < e.cols; j++) {
                gamma[j] = scaleOrOne(colSq[j], colCount[j]);
            }
            double r = residual(e, alpha, beta, tau, gamma, rowCount, colCount);
            converged = (last - r) / last < tolerance;
            last = r;
        }
        return new BiScaling(alpha, beta, tau, gamma, it, converged);
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    private static double scaleOrOne(double sumOfSquares, int count) {
        double variance = count == 0 ? 0 : sumOfSquares / count;
        return variance > 0 ? Math.sqrt(variance) : 1.0;
    }

    /** The reference's residual of the scaled values: squared means plus squared log-variances of rows and columns. */
    private static double residual(EntryIndex e, double[] alpha, double[] beta, double[] tau, double[] gamma,
                                   int[] rowCount, int[] colCount) {
        double[] x = new double[e.size];
        for (int k = 0; k < e.size; k++) {
            x[k] = (e.value[k] - alpha[e.row[k]] - beta[e.col[k]]) / (tau[e.row[k]] * gamma[e.col[k]]);
        }
        return momentResidual(x, e.row, rowCount) + momentResidual(x, e.col, colCount);
    }

    private static double momentResidual(double[] x, int[] group, int[] count) {
        double[] mean = new double[count.length];
        for (int k = 0; k < x.length; k++) {
            mean[group[k]] += x[k];
        }
        for (int g = 0; g < count.length; g++) {
            mean[g] = count[g] == 0 ? 0 : mean[g] / count[g];
        }
        double[] var = new double[count.length];
        for (int k = 0; k < x.length; k++) {
            double d = x[k] - mean[group[k]];
            var[group[k]] += d * d;
        }
        double total = 0;
        for (int g = 0; g < count.length; g++) {
            if (count[g] == 0) {
                continue;
            }
            double v = var[g] / count[g];
            double logVar = v > 0 ? Math.log(v) : 0;
            total += mean[g] * mean[g] + logVar * logVar;
        }
        return total;
    }

    /**
     * @param i row
     * @param j column
     * @param x a raw value at (i, j)
     * @return its scaled value X̃_ij
     */
    double scale(int i, int j, double x) {
        return (x - rowCentre[i] - colCentre[j]) / (rowScale[i] * colScale[j]);
    }

    /**
     * @param i       row
     * @param j       column
     * @param scaled  a value X̃_ij on the scaled side
     * @return the raw value, τ_i γ_j X̃_ij + α_i + β_j
     */
    double unscale(int i, int j, double scaled) {
        return scaled * rowScale[i] * colScale[j] + rowCentre[i] + colCentre[j];
    }
}
