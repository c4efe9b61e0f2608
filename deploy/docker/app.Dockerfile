# The image of a Clearwatch process outside Flink (the notifier, the alert-history writer): a JRE
# and one runnable shaded jar. Built from the repository root after `mvn -B package -DskipTests`:
#   docker build -f deploy/docker/app.Dockerfile -t clearwatch/notifier:0.1.0-SNAPSHOT \
#     --build-arg APP_JAR=notifier/target/clearwatch-notifier-0.1.0-SNAPSHOT-app.jar .
#   docker build -f deploy/docker/app.Dockerfile -t clearwatch/alert-history:0.1.0-SNAPSHOT \
#     --build-arg APP_JAR=alert-history/target/clearwatch-alert-history-0.1.0-SNAPSHOT-app.jar .
FROM eclipse-temurin:17-jre
ARG APP_JAR
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin clearwatch
COPY --chown=10001:10001 ${APP_JAR} /opt/clearwatch/app.jar
USER 10001
# The main class comes from the jar's manifest or from the container's command (see the manifests).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/clearwatch/app.jar"]
