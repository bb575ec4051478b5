package org.wsconform.targets;

import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * Jetty's permessage-deflate, except that an accepted {@code server_max_window_bits=15} is echoed.
 *
 * <p>RFC 7692 §7.1.2.1: a server that accepts an offer with {@code server_max_window_bits} MUST
 * include the parameter in its answer. Jetty drops it. {@link PermessageDeflateOffers} lets only
 * the value 15 through (the window Jetty's compressor really uses), so echoing 15 is the truth.
 * Registered under the standard name, it replaces Jetty's own class in the extension registry.
 */
public class PermessageDeflate extends PerMessageDeflateExtension {

    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

    private ExtensionConfig answer;

    @Override
    public void init(ExtensionConfig offer, WebSocketComponents components) {
        super.init(offer, components);
        if (offer.getParameterKeys().contains(SERVER_MAX_WINDOW_BITS)) {
            answer = new ExtensionConfig(super.getConfig());
            answer.setParameter(SERVER_MAX_WINDOW_BITS, 15);
        }
    }

    /** What the 101 answer names: Jetty builds the Sec-WebSocket-Extensions header from this. */
    @Override
    public ExtensionConfig getConfig() {
        return answer != null ? answer : super.getConfig();
    }
}
