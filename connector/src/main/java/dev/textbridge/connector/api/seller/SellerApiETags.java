package dev.textbridge.connector.api.seller;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Conditional GETs on the seller API: every successful GET under {@code /api/v1/} carries an ETag computed over its
 * answer, and a request whose {@code If-None-Match} names it gets 304 without a body. The conversation panel polls
 * a record's conversations this way, so an unchanged conversation costs a few bytes on the wire. It runs after the
 * security filters, so a request without a valid token is still refused before anything is read.
 */
@Component
public class SellerApiETags implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod()) || !request.getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.value() != HttpStatus.OK.value()) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    String etag = "\"" + sha256(bytes) + "\"";
                    getHeaders().setETag(etag);
                    if (matches(request.getHeaders().getIfNoneMatch(), etag)) {
                        setStatusCode(HttpStatus.NOT_MODIFIED);
                        getHeaders().remove("Content-Type");
                        getHeaders().setContentLength(0);
                        return setComplete();
                    }
                    return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                }).switchIfEmpty(Mono.defer(() -> super.writeWith(Flux.empty())));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static boolean matches(java.util.List<String> ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch) {
            String tag = candidate.strip();
            // Weak comparison, as RFC 9110 asks for If-None-Match: a proxy may have weakened our tag.
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
