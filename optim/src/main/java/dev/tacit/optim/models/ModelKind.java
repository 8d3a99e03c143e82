package dev.tacit.optim.models;

import dev.tacit.api.Named;

/** The models a run on rating data can train. */
public enum ModelKind implements Named {
    /** The depth-N linear network on the whole users×items matrix ({@link LinearNetwork}). */
    LNN("lnn"),
    /** The user-item embedding r̂ = ⟨P_u, Q_i⟩ + b_u + b_i ({@link EmbeddingModel}). */
    EMBEDDING("embedding");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
