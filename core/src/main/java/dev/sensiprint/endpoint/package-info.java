/**
 * Clients for inference servers: the {@link dev.sensiprint.endpoint.InferenceEndpoint} seam and its
 * HTTP implementations for the Open Inference Protocol, TensorFlow Serving and TorchServe.
 *
 * <p>Composition, OkHttp-style: {@link dev.sensiprint.endpoint.Endpoints#transport} stacks {@link
 * dev.sensiprint.endpoint.HeaderTransport} (User-Agent, auth) over {@link
 * dev.sensiprint.endpoint.RetryingTransport} (bounded backoff) over {@link
 * dev.sensiprint.endpoint.JdkHttpTransport} (HTTP/1.1, timeouts, capped bodies, no redirects,
 * private CA). Every way of not getting a usable answer ends as an {@link
 * dev.sensiprint.error.EndpointException} with one line that names the call and never a credential.
 */
package dev.sensiprint.endpoint;
