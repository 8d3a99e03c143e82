/**
 * The Lion optimizer and the global-mean completion method with their providers: a complete, minimal plugin (see
 * docs/plugins.md).
 */
package dev.tacit.example;
