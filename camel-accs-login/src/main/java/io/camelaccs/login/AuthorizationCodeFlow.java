package io.camelaccs.login;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.TokenResponse;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.rest.PathTemplate;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-time Adobe IMS sign-in (OAuth authorization code with PKCE) that stores the first refresh token of a client in
 * a {@link TokenStore}, for {@code authenticationType=REFRESH_TOKEN}.
 * <p>
 * Use: {@link #start()} binds the redirect listener on {@code 127.0.0.1} and gives the URL to open in a browser;
 * {@link #complete()} waits for the redirect, exchanges the code and writes the refresh token. One instance serves one
 * login. Nothing secret (client secret, code, verifier, token) is ever logged or put in a message.
 */
public final class AuthorizationCodeFlow implements AutoCloseable {

    /** The production IMS. */
    public static final String DEFAULT_IMS_URL = ImsClient.DEFAULT_IMS_URL;
    /** The ACCS scopes plus {@code offline_access}, without which IMS issues no refresh token. */
    public static final String DEFAULT_SCOPES = ImsClient.ACCS_SCOPES + ",offline_access";
    public static final String DEFAULT_REDIRECT_PATH = "/callback";

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeFlow.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** How long the browser's redirect request is held open to show the outcome of the code exchange. */
    private static final long PAGE_WAIT_SECONDS = 120;

    private final String imsUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scopes;
    private final int port;
    private final String redirectPath;
    private final Duration timeout;
    private final ImsClient ims;
    private final TokenStore store;

    // 32 bytes make state unguessable; a 64-byte verifier gives 86 characters, well above the 43 PKCE asks for
    private final String state = randomToken(32);
    private final String codeVerifier = randomToken(64);
    /** The code from the redirect, or why the redirect failed. */
    private final CompletableFuture<String> callback = new CompletableFuture<>();
    /** Whether the code exchange succeeded: the browser page waits for it so it never claims a success that failed. */
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    private final AtomicBoolean completing = new AtomicBoolean();
    /** Redirect requests being answered, guarded by itself: the listener is stopped once their pages are written. */
    private final int[] inFlight = new int[1];

    private HttpServer server;
    private ExecutorService handlers;
    private String redirectUri;

    /**
     * @param imsUrl       the IMS base URL; null for {@link #DEFAULT_IMS_URL}
     * @param clientId     the OAuth client id of the credential
     * @param clientSecret the client secret of a confidential client; null or empty for a public client
     * @param scopes       comma-separated scopes; null for {@link #DEFAULT_SCOPES}
     * @param port         the redirect listener's port on 127.0.0.1; 0 picks a free one
     * @param redirectPath the redirect listener's path; null for {@link #DEFAULT_REDIRECT_PATH}
     * @param timeout      how long {@link #complete()} waits for the redirect
     * @param ims          exchanges the code; its IMS URL should be {@code imsUrl}
     * @param store        receives the refresh token
     */
    public AuthorizationCodeFlow(String imsUrl, String clientId, String clientSecret, String scopes, int port,
                                 String redirectPath, Duration timeout, ImsClient ims, TokenStore store) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("A client id is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The redirect port must be between 0 and 65535, but was " + port);
        }
        String path = redirectPath == null ? DEFAULT_REDIRECT_PATH : redirectPath;
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("The redirect path must start with '/' and hold no query, but was " + path);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, but was " + timeout);
        }
        this.imsUrl = stripSlash(imsUrl == null ? DEFAULT_IMS_URL : imsUrl);
        this.clientId = clientId;
        this.clientSecret = clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
        this.scopes = normalizeScopes(scopes == null ? DEFAULT_SCOPES : scopes);
        this.port = port;
        this.redirectPath = path;
        this.timeout = timeout;
        this.ims = ims;
        this.store = store;
    }

    /**
     * Binds the redirect listener on 127.0.0.1 (never on other interfaces: the code must not be reachable from the
     * network).
     *
     * @return the authorize URL to open in a browser
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized String start() {
        if (server != null) {
            throw new IllegalStateException("This login has already been started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for the redirect on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        // a pool of two: a second (stray or forged) request is answered while the first waits for the code exchange
        handlers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "accs-login-redirect");
            t.setDaemon(true);
            return t;
        });
        // known before the first request can come in: the handler reads it
        redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + redirectPath;
        server.setExecutor(handlers);
        server.createContext(redirectPath, this::onRedirect);
        server.start();
        LOG.info("Listening for the Adobe IMS redirect to {} for client {}", redirectUri, Masking.clientId(clientId));
        return authorizeUrl();
    }

    /** The redirect URI the listener answers on; known once {@link #start()} has bound the port. */
    public synchronized String redirectUri() {
        requireStarted();
        return redirectUri;
    }

    /** The URL that signs the user in and redirects to this listener; known once {@link #start()} has bound the port. */
    public synchronized String authorizeUrl() {
        requireStarted();
        return imsUrl + "/ims/authorize/v2?client_id=" + PathTemplate.encode(clientId)
               + "&redirect_uri=" + PathTemplate.encode(redirectUri)
               + "&scope=" + PathTemplate.encode(scopes)
               + "&state=" + PathTemplate.encode(state)
               + "&response_type=code"
               + "&code_challenge=" + PathTemplate.encode(codeChallenge(codeVerifier))
               + "&code_challenge_method=S256";
    }

    /**
     * Waits for the redirect, exchanges its code for tokens and writes the refresh token to the store. Stops the
     * listener whatever happens.
     *
     * @throws AccsAuthenticationException when IMS denied the sign-in, refused the code or sent no refresh token
     * @throws IllegalStateException       when no redirect of this login came in time (redirects with another
     *                                     {@code state} are answered 400 and ignored)
     */
    public void complete() {
        requireStarted();
        if (!completing.compareAndSet(false, true)) {
            // a code is good for one exchange only
            throw new IllegalStateException("This login has already been completed: start a new one");
        }
        try {
            String code = awaitCode();
            TokenResponse tokens = exchange(code);
            if (tokens.refreshToken() == null) {
                throw new AccsAuthenticationException("IMS returned no refresh token: add offline_access to the scopes "
                                                      + "of the credential and of --scopes",
                        0, null, null, null, null);
            }
            store.writeRefreshToken(clientId, tokens.refreshToken());
            outcome.complete(null);
            LOG.info("Refresh token for client {} written to {}", Masking.clientId(clientId),
                    store.getClass().getSimpleName());
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            throw e;
        } finally {
            close();
        }
    }

    /** Stops the listener; a login still waiting fails. Safe to call more than once. */
    @Override
    public synchronized void close() {
        IllegalStateException closed = new IllegalStateException("The login was stopped before it completed");
        callback.completeExceptionally(closed);
        outcome.completeExceptionally(closed);
        if (server != null && handlers != null) {
            // HttpServer.stop(delay) waits out the whole delay when no exchange ends during it, so the wait for the
            // browser's page is done here and the listener then stops at once
            awaitPagesWritten();
            server.stop(0);
            handlers.shutdownNow();
            handlers = null;
            LOG.debug("Stopped the redirect listener on {}", redirectUri);
        }
    }

    private void awaitPagesWritten() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (inFlight) {
            long left;
            while (inFlight[0] > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String awaitCode() {
        try {
            return callback.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            IllegalStateException late = new IllegalStateException("No redirect from Adobe IMS within " + seconds(timeout)
                                                                   + " seconds: open the authorize URL in a browser and sign in");
            // a redirect arriving now is told the login is over instead of being exchanged
            callback.completeExceptionally(late);
            throw late;
        } catch (ExecutionException e) {
            // the listener completes the future with our own runtime exceptions only
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The login was interrupted while waiting for the redirect from Adobe IMS", e);
        }
    }

    private TokenResponse exchange(String code) {
        List<NameValuePair> form = new ArrayList<>();
        form.add(new BasicNameValuePair("grant_type", "authorization_code"));
        form.add(new BasicNameValuePair("code", code));
        form.add(new BasicNameValuePair("code_verifier", codeVerifier));
        form.add(new BasicNameValuePair("redirect_uri", redirectUri));
        if (clientSecret == null) {
            // a public client has no secret to authenticate with: IMS identifies it by id and trusts the PKCE proof
            form.add(new BasicNameValuePair("client_id", clientId));
        }
        LOG.debug("Exchanging the authorization code of client {} at {}", Masking.clientId(clientId), ims.tokenUrl());
        return ims.requestToken(form, clientId, clientSecret);
    }

    private void onRedirect(HttpExchange exchange) throws IOException {
        synchronized (inFlight) {
            inFlight[0]++;
        }
        try {
            if (!"GET".equals(exchange.getRequestMethod()) || !redirectPath.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, "This is not the sign-in redirect.");
                return;
            }
            Map<String, String> query;
            try {
                query = query(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, "The redirect could not be read.");
                return;
            }
            if (!state.equals(query.get("state"))) {
                // checked before anything else: a forged or stale request (an old tab) must neither end this login
                // nor have its ?error= reported as the outcome; the login keeps waiting for its own redirect
                LOG.warn("Ignored a redirect to {} whose state this login did not send (an old browser tab, or a"
                         + " forged request); still waiting for the redirect of this login", redirectUri);
                respond(exchange, 400, "This redirect does not belong to the sign-in under way.");
                return;
            }
            RuntimeException failure = check(query);
            boolean first = failure == null ? callback.complete(query.get("code")) : callback.completeExceptionally(failure);
            if (!first) {
                respond(exchange, 409, "This sign-in has already finished.");
            } else if (failure != null) {
                respond(exchange, 400, "Sign-in failed: the login console tells why.");
            } else {
                boolean stored = awaitOutcome();
                respond(exchange, stored ? 200 : 500, stored
                        ? "Signed in: the refresh token is stored."
                        : "Sign-in failed while exchanging the code: the login console tells why.");
            }
        } finally {
            exchange.close();
            synchronized (inFlight) {
                inFlight[0]--;
                inFlight.notifyAll();
            }
        }
    }

    /** Why this redirect of this login (its state checked) cannot be used, or null when it carries a code. */
    private RuntimeException check(Map<String, String> query) {
        String error = printable(query.get("error"));
        if (error != null) {
            String description = printable(query.get("error_description"));
            LOG.debug("Adobe IMS redirected with error {} for client {}", error, Masking.clientId(clientId));
            return new AccsAuthenticationException("Adobe IMS denied the authorization: " + error
                                                   + (description == null ? "" : " (" + description + ")"),
                    0, error, description, null, null);
        }
        String code = query.get("code");
        if (code == null || code.isEmpty()) {
            return new IllegalStateException("The redirect from Adobe IMS carried neither a code nor an error");
        }
        LOG.debug("Received the redirect for client {}", Masking.clientId(clientId));
        return null;
    }

    private boolean awaitOutcome() {
        try {
            outcome.get(PAGE_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        // a fixed page: nothing from the request is echoed back, so no markup can be injected into it
        byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>camel-accs login</title></head>"
                       + "<body><p>" + message + "</p><p>You can close this tab.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // the page's own URL holds the code: keep it out of any Referer
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private synchronized void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("Call start() first: the redirect URI is known once the listener is bound");
        }
    }

    static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return BASE64URL.encodeToString(random);
    }

    private static String normalizeScopes(String scopes) {
        List<String> list = new ArrayList<>();
        for (String s : scopes.split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("At least one scope is required");
        }
        return String.join(",", list);
    }

    /**
     * Any local process can call the listener: what it sends reaches the console only without control characters
     * (terminal escapes) and cut to a readable length.
     */
    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "AuthorizationCodeFlow[client " + Masking.clientId(clientId) + ", " + imsUrl + "]";
    }
}
