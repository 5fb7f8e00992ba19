/**
 * The reference inference server behind {@code sensiprint serve}: one {@link
 * dev.sensiprint.model.InferenceModel} behind the Open Inference Protocol's REST API (KServe v2;
 * kserve/open-inference-protocol, specification/protocol/inference_rest.md).
 *
 * <p>{@link dev.sensiprint.serve.InferenceServer} is the entry point, configured by {@link
 * dev.sensiprint.serve.ServeSettings}; {@link dev.sensiprint.serve.AccessLog} is the hook for
 * one-line access logs. Inside: Jetty 12 core handlers (no servlets), HTTP/1.1 only; {@code
 * OipRoute} parses paths, {@code InferRequestReader} streams and checks the request JSON within the
 * body and batch limits, {@code SerialModel} runs the model on one dedicated thread, {@code
 * OipJson} writes answers with floats that read back bit for bit, and every error is {@code
 * {"error": "..."}} in one line. Jetty stays in this module (and the command line): {@code core}
 * never sees it.
 */
package dev.sensiprint.serve;
