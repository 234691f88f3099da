package dev.tollgate.demo.books;

import dev.tollgate.demo.DemoClientProperties;
import dev.tollgate.demo.signin.TollgateRegistration;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The books API of the Tollgate resource server, called with the signed-in user's access token (renewed
 * by the authorized client manager when it is about to expire).
 */
@Component
class BooksApi {

    private final RestClient restClient;

    BooksApi(RestClient.Builder builder, OAuth2AuthorizedClientManager authorizedClientManager,
            OAuth2AuthorizedClientRepository authorizedClients, DemoClientProperties tollgate) {
        OAuth2ClientHttpRequestInterceptor userToken = new OAuth2ClientHttpRequestInterceptor(authorizedClientManager);
        userToken.setClientRegistrationIdResolver(request -> TollgateRegistration.ID);
        // a token the API calls invalid is dropped, so the next attempt signs in afresh
        userToken.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        this.restClient = builder.baseUrl(tollgate.demo().apiUrl().toString())
                .requestInterceptor(userToken)
                .build();
    }

    BookPage page(int number, int size) {
        return restClient.get()
                .uri("/api/books?page={page}&size={size}", number, size)
                .retrieve()
                .body(BookPage.class);
    }

    /**
     * @throws BookRejectedException when the API finds the book invalid
     * @throws HttpClientErrorException.Forbidden when the user may not add books
     */
    void add(BookForm book) {
        try {
            restClient.post()
                    .uri("/api/books")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(book.toJson())
                    .retrieve()
                    .toBodilessEntity();
        }
        catch (HttpClientErrorException.BadRequest refused) {
            throw new BookRejectedException(ApiProblem.from(refused.getResponseBodyAs(JsonNode.class)));
        }
    }
}
