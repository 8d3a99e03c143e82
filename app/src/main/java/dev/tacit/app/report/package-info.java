/**
 * How an experiment's stored runs are rendered: the runs and summary tables (CSV and Markdown), the charts of test
 * RMSE and effective rank (PNG and SVG, drawn with JFreeChart off-screen) and the report page.
 */
package dev.tacit.app.report;
