package dev.arouter.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arouter.translate.ir.ChatRequest;
import dev.arouter.translate.ir.MediaSource;

import java.util.List;

/** IR → family request body. */
public interface ChatRequestEncoder {

    /**
     * Renders the request. Throws {@link dev.arouter.translate.ir.TranslationException} (400) for
     * content the family cannot express, including media still listed by {@link #mediaNeedingFetch}.
     */
    ObjectNode encode(ChatRequest request);

    /**
     * URL media this family cannot reference by URL. The caller downloads each one, then calls
     * {@link ChatRequest#replaceMedia(MediaSource, MediaSource)} with an inline source before
     * {@link #encode}. Encoders never do network I/O.
     */
    default List<MediaSource> mediaNeedingFetch(ChatRequest request) {
        return List.of();
    }
}
