package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import dev.textbridge.crm.api.CrmUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs Partner API calls with the session's token: a fresh {@link PartnerConnection} per call (so calls from several
 * threads never share headers), the token renewed and the same call repeated once on {@code INVALID_SESSION_ID}, and
 * every failure of the call as a whole turned into {@link CrmUnavailableException}.
 */
public final class PartnerClient {

    private static final Logger log = LoggerFactory.getLogger(PartnerClient.class);
    private static final Set<ExceptionCode> SESSION_REJECTED = Set.of(ExceptionCode.INVALID_SESSION_ID);

    /** One Partner API call. */
    @FunctionalInterface
    public interface Call<T> {
        T on(PartnerConnection connection) throws ConnectionException;
    }

    /** What a connection carries besides the token; set per call. */
    @FunctionalInterface
    public interface Headers {
        void apply(PartnerConnection connection);
    }

    private final Session session;
    private final HttpClient http;
    private final String apiVersion;
    private final Duration timeout;
    private final CallCounter calls;

    public PartnerClient(Session session, HttpClient http, String apiVersion, Duration timeout, CallCounter calls) {
        this.session = session;
        this.http = http;
        this.apiVersion = apiVersion;
        this.timeout = timeout;
        this.calls = calls;
    }

    public <T> T call(String what, Call<T> call) {
        return call(what, connection -> { }, call);
    }

    public <T> T call(String what, Headers headers, Call<T> call) {
        AccessToken token = session.current();
        for (int attempt = 1; ; attempt++) {
            PartnerConnection connection = connect(token);
            headers.apply(connection);
            try {
                T result = call.on(connection);
                recordUsage(connection);
                return result;
            } catch (ApiFault fault) {
                if (SESSION_REJECTED.contains(fault.getExceptionCode()) && attempt == 1) {
                    log.info("Salesforce rejected the session during {}; fetching a new token and repeating the call", what);
                    token = session.renew(token);
                    continue;
                }
                throw unavailable(what, fault);
            } catch (SoapFaultException fault) {
                if ("INVALID_SESSION_ID".equals(fault.getFaultCode().getLocalPart()) && attempt == 1) {
                    token = session.renew(token);
                    continue;
                }
                throw new CrmUnavailableException("Salesforce " + what + " failed: " + fault.getFaultCode().getLocalPart()
                        + ": " + fault.getMessage(), fault);
            } catch (ConnectionException e) {
                throw unavailable(what, e);
            }
        }
    }

    /** A SOQL query with all its pages ({@code queryMore} until done); each page is one call. */
    public List<SObject> query(String what, String soql) {
        return pages(what, call(what, connection -> connection.query(soql)));
    }

    /**
     * A SOQL query that also sees archived activities (and deleted records: select {@code IsDeleted} and skip them),
     * with all its pages.
     */
    public List<SObject> queryAll(String what, String soql) {
        return pages(what, call(what, connection -> connection.queryAll(soql)));
    }

    private List<SObject> pages(String what, QueryResult first) {
        QueryResult page = first;
        List<SObject> records = new ArrayList<>(Arrays.asList(page.getRecords()));
        while (!page.isDone() && page.getQueryLocator() != null) {
            String locator = page.getQueryLocator();
            page = call(what + " (next page)", connection -> connection.queryMore(locator));
            records.addAll(Arrays.asList(page.getRecords()));
        }
        return records;
    }

    private PartnerConnection connect(AccessToken token) {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setSessionId(token.value());
        config.setServiceEndpoint(token.instanceUrl() + "/services/Soap/u/" + apiVersion);
        config.setCompression(false);
        config.setTransportFactory(() -> new HttpClientTransport(http, timeout, calls));
        try {
            return new PartnerConnection(config);
        } catch (ConnectionException e) {
            throw new CrmUnavailableException("cannot set up the Salesforce Partner connection: " + e.getMessage(), e);
        }
    }

    private void recordUsage(PartnerConnection connection) {
        LimitInfoHeader_element header = connection.getLimitInfoHeader();
        if (header == null || header.getLimitInfo() == null) {
            return;
        }
        for (LimitInfo info : header.getLimitInfo()) {
            if ("API REQUESTS".equals(info.getType())) {
                calls.usage(info.getCurrent(), info.getLimit());
            }
        }
    }

    private static CrmUnavailableException unavailable(String what, ApiFault fault) {
        String code = fault.getExceptionCode() == null ? "UNKNOWN" : fault.getExceptionCode().name();
        return new CrmUnavailableException("Salesforce " + what + " failed: " + code + ": "
                + fault.getExceptionMessage() + hint(code), fault);
    }

    /** What an error code of Salesforce tells the admin to do, if anything; empty otherwise. */
    static String hint(String code) {
        return switch (code) {
            case "REQUEST_LIMIT_EXCEEDED" -> " (the org's API limit; calls resume when Salesforce allows them again)";
            case "INVALID_SESSION_ID" -> " (a fresh token was rejected too; check the app's Run As user and its permissions)";
            case "INVALID_FIELD", "INVALID_TYPE" -> " (a field or object the adapter needs is missing or not visible to"
                    + " the integration user; deploy the setup kit and assign its permission set, or correct"
                    + " textbridge.crm.salesforce.field-mapping)";
            default -> "";
        };
    }

    private static CrmUnavailableException unavailable(String what, ConnectionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HttpStatusException status) {
            return new CrmUnavailableException("Salesforce " + what + " answered " + status.getMessage()
                    + "; retrying later", e);
        }
        return new CrmUnavailableException("Salesforce " + what + " failed: " + e.getMessage(), e);
    }
}
