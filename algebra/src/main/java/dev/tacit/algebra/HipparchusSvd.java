package dev.tacit.algebra;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The {@link SvdRoute#HIPPARCHUS} route: Hipparchus' {@code SingularValueDecomposition} (Golub–Kahan
 * bidiagonalisation, then implicit QR on the bidiagonal; Golub and Van Loan, Matrix Computations, 4th ed., 8.6),
 * wrapped so that no Hipparchus type leaves this class.
 */
final class HipparchusSvd {

    private HipparchusSvd() {
    }

    /**
     * @param w a finite matrix
     * @return its thin SVD
     */
    static Svd decompose(Matrix w) {
        if (!w.isFinite()) {
            throw new IllegalArgumentException("cannot decompose a matrix with NaN or infinite entries (" + w.shape()
                    + ")");
        }
        if (w.rows() == 0 || w.cols() == 0) {
            return new Svd(Matrix.zeros(w.rows(), 0), new double[0], Matrix.zeros(w.cols(), 0));
        }
        RealMatrix rm = MatrixUtils.createRealMatrix(w.rows(), w.cols());
        for (int i = 0; i < w.rows(); i++) {
            rm.setRow(i, w.row(i));
        }
        SingularValueDecomposition d = new SingularValueDecomposition(rm);
        return new Svd(fromHipparchus(d.getU()), d.getSingularValues(), fromHipparchus(d.getV()));
    }

    private static Matrix fromHipparchus(RealMatrix m) {
        return Matrix.fromRows(m.getData());
    }
}
