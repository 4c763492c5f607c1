package dev.arouter.ingress;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what never reached a route (unknown path, wrong method) in OpenAI's error shape
 * instead of Spring's default error page, so SDKs can parse it.
 */
@RestController
public class NotFoundAndMethodErrors implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = switch (status) {
            case 404 -> "Unknown endpoint " + path + ". See README.md for the endpoints served.";
            case 405 -> "Method not allowed on " + path + ".";
            case 400 -> "The request could not be read.";
            default -> "The gateway could not process the request.";
        };
        String type = status >= 500 ? "server_error" : status == 404 ? "not_found_error" : "invalid_request_error";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBodies.openAi(new GatewayException(status, type, null, null, message)));
    }
}
