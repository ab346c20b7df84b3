// A go-livepeer /metrics body for tests.

// As go-livepeer's client_golang writes it (labels sorted, no _total added, empty labels kept).
export const GOOD_EXPOSITION = `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 42
# HELP livepeer_ai_container_idle Number of containers currently available for AI processing
# TYPE livepeer_ai_container_idle gauge
livepeer_ai_container_idle{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",orchestrator_uri="",pipeline="text-to-image"} 1
# HELP livepeer_ai_container_in_use Number of containers currently used for AI processing
# TYPE livepeer_ai_container_in_use gauge
livepeer_ai_container_in_use{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",orchestrator_uri="",pipeline="text-to-image"} 1
# HELP livepeer_ai_gpus_idle Number of idle GPUs (with no configured container)
# TYPE livepeer_ai_gpus_idle gauge
livepeer_ai_gpus_idle{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image"} 2
# HELP livepeer_ai_models_requested Number of AI models requested over time
# TYPE livepeer_ai_models_requested counter
livepeer_ai_models_requested{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image"} 120
# HELP livepeer_ai_request_errors Errors when processing AI requests
# TYPE livepeer_ai_request_errors counter
livepeer_ai_request_errors{error_code="context deadline exceeded",model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image",sender="0x1"} 3
livepeer_ai_request_errors{error_code="Post \\"https://o:8935/x\\": context deadline exceeded",model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image",sender="0x2"} 2
livepeer_ai_request_errors{error_code="context canceled",model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image",sender="0x1"} 1
# HELP livepeer_ai_request_latency_score AI request latency score
# TYPE livepeer_ai_request_latency_score gauge
livepeer_ai_request_latency_score{model_name="stabilityai/sdxl-turbo",node_id="0xab-host",node_type="orch",pipeline="text-to-image"} NaN
# HELP livepeer_ticket_value_recv Ticket value received
# TYPE livepeer_ticket_value_recv counter
livepeer_ticket_value_recv{node_id="0xab-host",node_type="orch"} 1.234567e+06
# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 1.1e-05
go_gc_duration_seconds{quantile="1"} 0.0002
go_gc_duration_seconds_sum 0.001
go_gc_duration_seconds_count 12
`;
