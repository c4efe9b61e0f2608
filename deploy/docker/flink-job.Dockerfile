# The Flink image of the Clearwatch job: the official Flink 2.2 image with the shaded job jar in
# usrlib, where the operator's application mode finds it (jarURI local:///opt/flink/usrlib/...).
# Built from the repository root after `mvn -B package -DskipTests`:
#   docker build -f deploy/docker/flink-job.Dockerfile -t clearwatch/flink-job:0.1.0-SNAPSHOT .
FROM flink:2.2.1-java17
COPY --chown=flink:flink flink-jobs/target/clearwatch-jobs-0.1.0-SNAPSHOT-job.jar /opt/flink/usrlib/clearwatch-jobs-0.1.0-SNAPSHOT-job.jar
