package dev.arouter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class ArouterApplication {

    public static void main(String[] args) {
        // Camel reads this before its thread pools exist; Spring's own switch is in application.properties.
        System.setProperty("camel.threads.virtual.enabled", "true");
        SpringApplication.run(ArouterApplication.class, args);
    }
}
