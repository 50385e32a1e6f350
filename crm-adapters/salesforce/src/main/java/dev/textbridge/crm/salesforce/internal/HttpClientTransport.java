package dev.textbridge.crm.salesforce.internal;

import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.transport.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * salesforce-wsc's transport over the JDK's {@link HttpClient}: one request per SOAP call, gzip answers accepted, and
 * an HTTP status that cannot carry a SOAP fault (429, 502, 503, 504) raised as {@link HttpStatusException} instead of
 * being parsed as a fault.
 */
public final class HttpClientTransport implements Transport {

    private static final Set<Integer> SOAP_FAULT_STATUSES = Set.of(400, 401, 403, 404, 405, 415, 500);

    private final HttpClient http;
    private final Duration timeout;
    private final CallCounter calls;
    private String url;
    private Map<String, String> headers = Map.of();
    private ByteArrayOutputStream body;
    private boolean successful;

    public HttpClientTransport(HttpClient http, Duration timeout, CallCounter calls) {
        this.http = http;
        this.timeout = timeout;
        this.calls = calls;
    }

    @Override
    public void setConfig(ConnectorConfig config) {
        // everything this transport needs comes from its constructor
    }

    @Override
    public OutputStream connect(String url, String soapAction) {
        Map<String, String> soapHeaders = new HashMap<>();
        soapHeaders.put("SOAPAction", "\"" + (soapAction == null ? "" : soapAction) + "\"");
        soapHeaders.put("Content-Type", "text/xml; charset=UTF-8");
        soapHeaders.put("Accept", "text/xml");
        return connect(url, new HashMap<>(soapHeaders));
    }

    @Override
    public OutputStream connect(String url, HashMap<String, String> headers) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.body = new ByteArrayOutputStream();
        return body;
    }

    @Override
    public OutputStream connect(String url, HashMap<String, String> headers, boolean compress) {
        return connect(url, headers);
    }

    @Override
    public InputStream getContent() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            calls.apiCall();
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 300 && !SOAP_FAULT_STATUSES.contains(status)) {
            response.body().close();
            throw new HttpStatusException(status, response.headers().firstValue("Retry-After").orElse(null));
        }
        successful = status < 300;
        InputStream in = response.body();
        if (response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false)) {
            in = new GZIPInputStream(in);
        }
        return in;
    }

    @Override
    public boolean isSuccessful() {
        return successful;
    }
}
