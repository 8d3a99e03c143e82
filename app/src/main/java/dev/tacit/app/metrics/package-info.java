/**
 * Micrometer metrics of a training run and the HTTP endpoint that serves them to Prometheus.
 *
 * <p>Names follow Micrometer's conventions: dotted lowercase, base units (seconds), and only bounded tags. The run's
 * tags ({@code optimizer}, {@code penalty}, {@code depth}, {@code dataset}) are common tags of the registry; the only
 * other tags are {@code observer} (one of a fixed set of observer names) and {@code index} (1 to 5, for the top
 * singular values). The Prometheus registry renders {@code tacit.training.steps} as {@code tacit_training_steps_total}
 * and so on; docs/monitoring.md lists every metric.
 */
package dev.tacit.app.metrics;
