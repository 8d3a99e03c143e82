package dev.tacit.api;

/** The service interface for explicit penalties R(W), found with {@link java.util.ServiceLoader}. */
public interface PenaltyProvider extends ServiceProvider<Penalty> {
}
