package dev.arouter.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.ingress.RequestContext;
import dev.arouter.json.Json;
import dev.arouter.translate.ir.Family;
import dev.arouter.translate.ir.StreamEvent;
import dev.arouter.translate.sse.SseEvent;
import dev.arouter.translate.sse.SseWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Same-family stream (Anthropic to Anthropic, Gemini to Gemini): every event is forwarded as the
 * provider sent it, except that the model is named by its public id (Anthropic
 * {@code message_start.message.model}, Gemini {@code modelVersion}). A shadow decoder of the
 * family watches the events to meter usage and to notice a stream that ends incomplete, which is
 * then closed with the family's error event.
 */
public final class PassThroughStreamRelay extends EventStreamRelay {

    private final Family family;
    private final StreamDecoder shadow;
    private final StreamEncoder encoder;
    private final SseWriter writer;
    private boolean finished;
    private boolean over;

    public PassThroughStreamRelay(InputStream upstream, RequestContext ctx, Family family) {
        super(upstream, ctx);
        this.family = family;
        this.shadow = new TranslatingStreamRelay.MeteringDecoder(Codecs.streamDecoder(family), ctx);
        this.encoder = Codecs.streamEncoder(family, true);
        this.writer = new SseWriter(encoder.lineEnding());
    }

    @Override
    protected void onEvent(SseEvent event, ClientBytes out) {
        for (StreamEvent e : shadow.decode(event)) {
            if (e instanceof StreamEvent.Finish || e instanceof StreamEvent.End) finished = true;
            if (e instanceof StreamEvent.End || e instanceof StreamEvent.Error) over = true; // message_stop, error
        }
        writer.render(withPublicModel(event), out);
    }

    private SseEvent withPublicModel(SseEvent event) {
        try {
            JsonNode data = Json.MAPPER.readTree(event.data());
            if (family == Family.ANTHROPIC && "message_start".equals(event.event())
                    && data.path("message") instanceof ObjectNode message) {
                message.put("model", ctx.model().id());
            } else if (family == Family.GEMINI && data instanceof ObjectNode chunk && chunk.has("modelVersion")) {
                chunk.put("modelVersion", ctx.model().id());
            } else {
                return event;
            }
            return new SseEvent(event.event(), data.toString(), event.id());
        } catch (IOException e) {
            return event;
        }
    }

    @Override
    protected byte[] onEnd() {
        List<StreamEvent> tail = shadow.finish();
        if (finished && tail.stream().noneMatch(e -> e instanceof StreamEvent.Error)) return new byte[0];
        ctx.end(502, "upstream_error");
        return writer.render(tail.stream().filter(e -> e instanceof StreamEvent.Error).flatMap(e -> encoder.encode(e).stream()).toList());
    }

    @Override
    protected byte[] onFailure(IOException e) {
        return writer.render(shadow.finish().stream().filter(ev -> ev instanceof StreamEvent.Error)
                .flatMap(ev -> encoder.encode(ev).stream()).toList());
    }

    @Override
    protected boolean complete() {
        return finished;
    }

    @Override
    protected boolean over() {
        return over;
    }
}
