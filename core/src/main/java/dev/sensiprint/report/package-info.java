/**
 * Reports of a verification for humans and machines: {@link
 * dev.sensiprint.report.VerificationReport} gathers what a run found per sample (preview, expected
 * and received outputs, outcome and reason); {@link dev.sensiprint.report.ReportWriter} writes it
 * as {@code report.json} and a self-contained {@code index.html}.
 *
 * <p>Everything in a report that came from the server or the fingerprint file is untrusted text:
 * the HTML escapes all of it, and the page loads nothing from anywhere (no script, previews as
 * {@code data:} URIs, a Content-Security-Policy that forbids fetching).
 */
package dev.sensiprint.report;
