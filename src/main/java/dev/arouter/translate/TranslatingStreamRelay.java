package dev.arouter.translate;

import dev.arouter.ingress.RequestContext;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider stream of one family relayed to a client of another, event by event through the
 * internal representation ({@link StreamTranslator}). The stream names the public model id, and
 * the usage the provider reports is metered on the way.
 */
public final class TranslatingStreamRelay extends EventStreamRelay {

    private final StreamTranslator translator;

    public TranslatingStreamRelay(InputStream upstream, RequestContext ctx, Family upstreamFamily) {
        super(upstream, ctx);
        StreamDecoder decoder = new MeteringDecoder(Codecs.streamDecoder(upstreamFamily), ctx);
        this.translator = new StreamTranslator(decoder,
                Codecs.streamEncoder(ctx.clientFamily(), ctx.clientWantsUsage()));
    }

    @Override
    protected void onEvent(SseEvent event, ClientBytes out) {
        translator.render(translator.onUpstreamEvent(event), out);
    }

    @Override
    protected byte[] onEnd() {
        byte[] out = translator.render(translator.onUpstreamEnd());
        if (!translator.terminated()) ctx.end(502, "upstream_error");
        return out;
    }

    @Override
    protected byte[] onFailure(IOException e) {
        return translator.render(translator.onUpstreamEnd());
    }

    @Override
    protected boolean complete() {
        return translator.terminated();
    }

    @Override
    protected boolean over() {
        return translator.terminated(); // the client's last event (or error event) is written
    }

    /** Puts the public model id on the stream and meters usage and output as events pass. */
    static final class MeteringDecoder implements StreamDecoder {
        private final StreamDecoder inner;
        private final RequestContext ctx;

        MeteringDecoder(StreamDecoder inner, RequestContext ctx) {
            this.inner = inner;
            this.ctx = ctx;
        }

        @Override
        public List<StreamEvent> decode(SseEvent event) {
            return observe(inner.decode(event));
        }

        @Override
        public List<StreamEvent> finish() {
            return observe(inner.finish());
        }

        /** The events as they are, except that a MessageStart names the public model (then in a copy of the list). */
        private List<StreamEvent> observe(List<StreamEvent> events) {
            List<StreamEvent> out = events;
            for (int i = 0; i < events.size(); i++) {
                StreamEvent e = events.get(i);
                switch (e) {
                    case StreamEvent.MessageStart ms -> {
                        if (ms.usage() != null) ctx.usage().report(ms.usage());
                        if (out == events) out = new ArrayList<>(events);
                        out.set(i, new StreamEvent.MessageStart(ms.id(), ctx.model().id(), ms.usage()));
                    }
                    case StreamEvent.UsageUpdate u -> ctx.usage().report(u.usage());
                    case StreamEvent.TextDelta t -> ctx.usage().countStreamedPiece();
                    case StreamEvent.ThinkingDelta t -> ctx.usage().countStreamedPiece();
                    case StreamEvent.ToolCallDelta t -> ctx.usage().countStreamedPiece();
                    case StreamEvent.Error err -> ctx.end(err.error().httpStatus(), "upstream_error");
                    default -> { }
                }
            }
            return out;
        }
    }
}
