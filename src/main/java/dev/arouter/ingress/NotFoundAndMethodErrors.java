package dev.arouter.ingress;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what never reached a route in the error shape of the SDK that calls the path (OpenAI,
 * Anthropic or Gemini) instead of Spring's default error page, so SDKs can parse it: an unknown
 * path, a wrong method, and a route that is not taking requests because it is being reloaded from
 * its YAML file (Camel suspends a reloaded route's consumer until its in-flight requests are done;
 * the 503 carries {@code Retry-After}, which SDKs honour when they retry).
 */
@RestController
public class NotFoundAndMethodErrors implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String message = switch (status) {
            case 404 -> "Unknown endpoint " + path + ". See README.md for the endpoints served.";
            case 405 -> "Method not allowed on " + path + ".";
            case 400 -> "The request could not be read.";
            case 503 -> "The endpoint " + path + " is not taking requests at this moment (its route is being"
                    + " reloaded); retry shortly.";
            default -> "The gateway could not process the request.";
        };
        String type = switch (status) {
            case 404 -> "not_found_error";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        ErrorBodies.Encoded encoded = ErrorBodies.inFamily(ErrorBodies.familyOfPath(path),
                new GatewayException(status, type, status == 503 ? "route_unavailable" : null, null, message));
        // the status Tomcat or Spring decided (a 405 with its Allow header), the body in the caller's shape
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status == 503) answer.header("Retry-After", "1");
        return answer.body(encoded.body());
    }
}
