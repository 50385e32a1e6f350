package dev.textbridge.crm.salesforce.fakeorg;

/**
 * Salesforce's Partner API envelopes as the org sends them: the {@code urn:partner.soap.sforce.com} default
 * namespace, records in {@code urn:sobject.partner.soap.sforce.com} ({@code sf:}), the {@code LimitInfoHeader}, and
 * faults with an {@code sf:UnexpectedErrorFault} detail in {@code urn:fault.partner.soap.sforce.com}.
 */
final class Envelopes {

    private Envelopes() {
    }

    static String response(String body, long apiUsed, long apiLimit) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xmlns:sf=\"urn:sobject.partner.soap.sforce.com\">"
                + "<soapenv:Header><LimitInfoHeader><limitInfo><current>" + apiUsed + "</current><limit>" + apiLimit
                + "</limit><type>API REQUESTS</type></limitInfo></LimitInfoHeader></soapenv:Header>"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    /** A fault as the Partner API sends it (HTTP 500). */
    static String fault(String exceptionCode, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sf=\"urn:fault.partner.soap.sforce.com\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body><soapenv:Fault><faultcode>sf:" + exceptionCode + "</faultcode>"
                + "<faultstring>" + xml(exceptionCode + ": " + message) + "</faultstring>"
                + "<detail><sf:UnexpectedErrorFault xsi:type=\"sf:UnexpectedErrorFault\">"
                + "<sf:exceptionCode>" + exceptionCode + "</sf:exceptionCode>"
                + "<sf:exceptionMessage>" + xml(message) + "</sf:exceptionMessage>"
                + "</sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String field(String name, String value) {
        return value == null ? "<sf:" + name + " xsi:nil=\"true\"/>" : "<sf:" + name + ">" + xml(value) + "</sf:" + name + ">";
    }
}
