/**
 * Format translation core: OpenAI Chat Completions, Anthropic Messages and Gemini generateContent
 * all decode into one IR ({@link dev.arouter.translate.ir}) and encode from it, so any client
 * family can reach any upstream family. Plain Java + Jackson 2; no Camel/Spring.
 *
 * <p>Typical non-streamed call: {@code Codecs.requestDecoder(client).decode(body)} → adjust model →
 * {@code enc.mediaNeedingFetch(req)} (fetch, then {@code req.replaceMedia}) → {@code enc.encode(req)} →
 * upstream → {@code Codecs.responseDecoder(upstream).decode(body)} →
 * {@code Codecs.responseEncoder(client).encode(resp)}. Upstream error bodies go through
 * {@link dev.arouter.translate.Codecs#upstreamErrorForClient}; {@link dev.arouter.translate.ir.TranslationException}
 * carries the 400 to return when a request cannot be expressed upstream.
 *
 * <p>Streams: {@link dev.arouter.translate.StreamTranslator} (bytes in, bytes out, one upstream event at a time).
 */
package dev.arouter.translate;
