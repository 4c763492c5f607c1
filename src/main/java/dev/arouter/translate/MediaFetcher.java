package dev.arouter.translate;

import dev.arouter.ingress.GatewayException;
import dev.arouter.translate.ir.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Downloads media that a provider family cannot take by URL (Gemini needs images and PDFs
 * inline), with a size cap and no access to private, loopback or link-local addresses, so a
 * client cannot make the gateway reach into its own network.
 */
@Component
public class MediaFetcher {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final long maxBytes;
    private final boolean allowPrivate;

    public MediaFetcher(@Value("${arouter.media.max-bytes:20971520}") long maxBytes,
                        @Value("${arouter.media.allow-private-addresses:false}") boolean allowPrivate) {
        this.maxBytes = maxBytes;
        this.allowPrivate = allowPrivate;
    }

    public MediaSource inline(MediaSource source) {
        URI uri;
        try {
            uri = URI.create(source.url());
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("messages", "Invalid media URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw GatewayException.badRequest("messages", "Media URLs must be http(s).");
        }
        try {
            if (!allowPrivate) {
                for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                            || a.isAnyLocalAddress() || a.isMulticastAddress() || isUniqueLocal(a)) {
                        throw GatewayException.badRequest("messages",
                                "Media URLs may not point to private or local addresses.");
                    }
                }
            }
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw GatewayException.badRequest("messages", "Fetching the media URL failed with HTTP " + r.statusCode() + ".");
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw GatewayException.badRequest("messages", "The media at the URL is larger than " + maxBytes + " bytes.");
                }
                String type = source.mediaType() != null ? source.mediaType()
                        : r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("application/octet-stream");
                return MediaSource.inline(type, Base64.getEncoder().encodeToString(bytes));
            }
        } catch (IOException e) {
            throw GatewayException.badRequest("messages", "The media URL could not be fetched.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.badRequest("messages", "The media URL could not be fetched.");
        }
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }
}
