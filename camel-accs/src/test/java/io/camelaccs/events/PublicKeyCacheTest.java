package io.camelaccs.events;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Signing keys: fetched from the key host only, kept at most 24 hours. */
class PublicKeyCacheTest {

    @RegisterExtension
    static WireMockExtension keyHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HttpTransport transport = new HttpTransport(new HttpSettings(2000, 2000, 2, null, null, null),
            new DefaultCamelContext());

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aKeyIsKeptForADayThenFetchedAgain() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                     + "\n-----END PUBLIC KEY-----\n";
        keyHost.stubFor(get(urlEqualTo("/prod/keys/pub-key-1.pem")).willReturn(aResponse().withBody(pem)));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        PublicKeyCache cache = new PublicKeyCache(keyHost.baseUrl(), transport, clock);

        PublicKey first = cache.key("/prod/keys/pub-key-1.pem");
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        cache.key("/prod/keys/pub-key-1.pem");
        keyHost.verify(1, getRequestedFor(urlEqualTo("/prod/keys/pub-key-1.pem")));
        clock.advance(Duration.ofMinutes(2));
        PublicKey again = cache.key("/prod/keys/pub-key-1.pem");

        keyHost.verify(2, getRequestedFor(urlEqualTo("/prod/keys/pub-key-1.pem")));
        assertEquals(first, again);
        assertEquals(keys.getPublic(), first);
    }

    @Test
    void keyPathsThatCouldLeaveTheHostAreRefusedBeforeAnyRequest() {
        PublicKeyCache cache = new PublicKeyCache("https://static.adobeioevents.com", transport,
                new MutableClock(Instant.EPOCH));
        for (String path : new String[] { "//evil.example/k.pem", "@evil.example/k.pem", "/k.pem@evil.example",
                "/../k.pem", "/a/../../k.pem", "/a/..", "/%2e%2e/k.pem", "\\evil", "k.pem", "", "/a//b",
                "/a?x=https://evil.example", "/a#frag", "/a:443", "/keys/pub-key.pem", "/prod/key/k.pem",
                "/prod/keys", "/stage/keysx/k.pem", "/PROD/keys/k.pem" }) {
            assertThrows(IllegalArgumentException.class, () -> cache.resolve(path), path);
        }
        assertEquals("https://static.adobeioevents.com/prod/keys/pub-key-x1.pem",
                cache.resolve("/prod/keys/pub-key-x1.pem").toString());
        assertEquals("https://static.adobeioevents.com/stage/keys/pub-key-x1.pem",
                cache.resolve("/stage/keys/pub-key-x1.pem").toString());
    }

    @Test
    void aPathThatFailedIsAnsweredFromMemoryForAMinute() throws Exception {
        keyHost.stubFor(get(urlEqualTo("/prod/keys/missing.pem")).willReturn(aResponse().withStatus(404)));
        keyHost.stubFor(get(urlEqualTo("/prod/keys/down.pem")).willReturn(aResponse().withStatus(503)));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        PublicKeyCache cache = new PublicKeyCache(keyHost.baseUrl(), transport, clock);

        for (int i = 0; i < 20; i++) {
            assertThrows(GeneralSecurityException.class, () -> cache.key("/prod/keys/missing.pem"));
            assertThrows(PublicKeyCache.KeyUnavailableException.class, () -> cache.key("/prod/keys/down.pem"));
        }
        keyHost.verify(1, getRequestedFor(urlEqualTo("/prod/keys/missing.pem")));
        keyHost.verify(1, getRequestedFor(urlEqualTo("/prod/keys/down.pem")));

        clock.advance(PublicKeyCache.FAILURE_TTL);
        assertThrows(GeneralSecurityException.class, () -> cache.key("/prod/keys/missing.pem"));
        keyHost.verify(2, getRequestedFor(urlEqualTo("/prod/keys/missing.pem")));
    }

    @Test
    void callersAskingForTheSameKeyAtOnceShareOneFetch() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                     + "\n-----END PUBLIC KEY-----\n";
        keyHost.stubFor(get(urlEqualTo("/prod/keys/slow.pem")).willReturn(aResponse().withBody(pem).withFixedDelay(500)));
        keyHost.stubFor(get(urlEqualTo("/prod/keys/slow-missing.pem")).willReturn(aResponse().withStatus(404)
                .withFixedDelay(500)));
        PublicKeyCache cache = new PublicKeyCache(keyHost.baseUrl(), transport, new MutableClock(Instant.EPOCH));
        List<Object> answers = new CopyOnWriteArrayList<>();

        ConcurrentCallers.runTogether(20, Duration.ofSeconds(20), i -> {
            try {
                answers.add(cache.key(i % 2 == 0 ? "/prod/keys/slow.pem" : "/prod/keys/slow-missing.pem"));
            } catch (GeneralSecurityException e) {
                answers.add(e.getClass());
            }
        });

        keyHost.verify(1, getRequestedFor(urlEqualTo("/prod/keys/slow.pem")));
        keyHost.verify(1, getRequestedFor(urlEqualTo("/prod/keys/slow-missing.pem")));
        assertEquals(10, answers.stream().filter(keys.getPublic()::equals).count());
        assertEquals(10, answers.stream().filter(GeneralSecurityException.class::equals).count());
    }
}
