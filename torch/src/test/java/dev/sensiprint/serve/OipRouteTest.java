package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OipRouteTest {

    @Test
    void serverEndpointsAreRecognised() {
        assertThat(OipRoute.parse("/v2")).contains(new OipRoute.ServerMetadata());
        assertThat(OipRoute.parse("/v2/")).contains(new OipRoute.ServerMetadata());
        assertThat(OipRoute.parse("/v2/health/live")).contains(new OipRoute.ServerLive());
        assertThat(OipRoute.parse("/v2/health/ready")).contains(new OipRoute.ServerReady());
    }

    @Test
    void modelEndpointsCarryNameAndOptionalVersion() {
        assertThat(OipRoute.parse("/v2/models/m")).contains(new OipRoute.ModelMetadata("m", null));
        assertThat(OipRoute.parse("/v2/models/m/versions/3"))
                .contains(new OipRoute.ModelMetadata("m", "3"));
        assertThat(OipRoute.parse("/v2/models/m/ready"))
                .contains(new OipRoute.ModelReady("m", null));
        assertThat(OipRoute.parse("/v2/models/m/versions/3/ready"))
                .contains(new OipRoute.ModelReady("m", "3"));
        assertThat(OipRoute.parse("/v2/models/m/infer")).contains(new OipRoute.Infer("m", null));
        assertThat(OipRoute.parse("/v2/models/m/versions/3/infer"))
                .contains(new OipRoute.Infer("m", "3"));
    }

    @Test
    void aModelNamedLikeAKeywordIsStillAModel() {
        assertThat(OipRoute.parse("/v2/models/ready"))
                .contains(new OipRoute.ModelMetadata("ready", null));
        assertThat(OipRoute.parse("/v2/models/versions/infer"))
                .contains(new OipRoute.Infer("versions", null));
    }

    @Test
    void onlyInferIsAPost() {
        assertThat(OipRoute.parse("/v2/models/m/infer").orElseThrow().method()).isEqualTo("POST");
        assertThat(OipRoute.parse("/v2/models/m").orElseThrow().method()).isEqualTo("GET");
        assertThat(OipRoute.parse("/v2/health/live").orElseThrow().method()).isEqualTo("GET");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "/v1",
                "/v2/health",
                "/v2/health/dead",
                "/v2/models",
                "/v2/models/",
                "/v2/models//infer",
                "/v2/models/m/predict",
                "/v2/models/m/versions",
                "/v2/models/m/versions/1/infer/x",
                "/v2/models/m/infer/x",
                "/v1/models/m:predict",
                "v2"
            })
    void otherPathsNameNoEndpoint(String path) {
        assertThat(OipRoute.parse(path)).isEmpty();
    }
}
