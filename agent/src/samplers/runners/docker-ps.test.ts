import { describe, expect, it } from 'vitest';
import { hostPortOf, parseDockerPs, parseRunnerName } from './docker-ps.js';
import { modelIdOf, modelSlugOf } from './runner-info.js';

const ID = (c: string): string => c.repeat(64);

/** `docker ps --no-trunc --format '{{json .}}'` lines, as Docker 24–27 print them. */
const row = (over: Record<string, unknown>): string =>
  JSON.stringify({
    Command:
      '"uvicorn app.main:app --log-config app/cfg/uvicorn_logging_config.json --host 0.0.0.0 --port 8000"',
    CreatedAt: '2025-05-06 14:00:01 +0000 UTC',
    ID: ID('a'),
    Image: 'livepeer/ai-runner:latest',
    Labels: 'creator=ai-worker,creator_id=',
    LocalVolumes: '0',
    Mounts: '/home/lp/.lpData/models',
    Names: 'text-to-image_stabilityai-sdxl-turbo_8000',
    Networks: 'bridge',
    Ports: '127.0.0.1:8000->8000/tcp',
    RunningFor: '2 hours ago',
    Size: '0B',
    State: 'running',
    Status: 'Up 2 hours',
    ...over,
  });

const PS_OUTPUT = [
  row({}),
  row({
    ID: ID('b'),
    Names: 'live-video-to-video_streamdiffusion-sdxl_8900',
    Image: 'livepeer/ai-runner:live-app-streamdiffusion-sdxl',
    Ports: '127.0.0.1:8900->8000/tcp',
  }),
  row({
    ID: ID('c'),
    Names: 'llm_meta-llama-Meta-Llama-3.1-8B-Instruct_8501',
    Ports: '127.0.0.1:8501->8000/tcp, [::1]:8501->8000/tcp',
  }),
  // A runner whose port mapping is not shown (host network): the name's port is used.
  row({ ID: ID('d'), Names: 'upscale_stabilityai-stable-diffusion-x4-upscaler_8300', Ports: '' }),
  '',
  'Error response from daemon: garbage in the middle',
  '{"ID": 42}',
  '[1,2,3]',
  row({ ID: ID('e'), Names: 'caddy', Labels: 'com.docker.compose.project=edge' }),
  row({ ID: ID('f'), Names: 'text-to-image_old_8000', State: 'exited' }),
  row({}), // the same container twice
  row({ ID: 'not-hex!', Names: 'text-to-image_x_8000' }),
  '{"ID":"' + ID('9') + '","Names":"text-to-image_x_8000","Labels":"creator=ai-worker"', // cut short
].join('\n');

describe('parseDockerPs', () => {
  it('reads runner containers and counts everything else as rejected', () => {
    const { containers, rejected } = parseDockerPs(PS_OUTPUT);
    expect(containers.map((c) => [c.name, c.pipeline, c.modelSlug, c.port])).toEqual([
      [
        'text-to-image_stabilityai-sdxl-turbo_8000',
        'text-to-image',
        'stabilityai-sdxl-turbo',
        8000,
      ],
      [
        'live-video-to-video_streamdiffusion-sdxl_8900',
        'live-video-to-video',
        'streamdiffusion-sdxl',
        8900,
      ],
      [
        'llm_meta-llama-Meta-Llama-3.1-8B-Instruct_8501',
        'llm',
        'meta-llama-Meta-Llama-3.1-8B-Instruct',
        8501,
      ],
      [
        'upscale_stabilityai-stable-diffusion-x4-upscaler_8300',
        'upscale',
        'stabilityai-stable-diffusion-x4-upscaler',
        8300,
      ],
    ]);
    expect(containers[0]).toMatchObject({
      id: ID('a'),
      image: 'livepeer/ai-runner:latest',
      state: 'running',
    });
    // garbage, {"ID":42}, [1,2,3], caddy, duplicate, bad id, cut line (the exited one is skipped, not rejected)
    expect(rejected).toBe(7);
  });

  it('survives pure garbage and empty output', () => {
    expect(parseDockerPs('')).toEqual({ containers: [], rejected: 0 });
    expect(parseDockerPs('\u0000\u0001\n{{{{\n'.repeat(1000)).containers).toEqual([]);
    expect(parseDockerPs('null\n"string"\n12\n').rejected).toBe(3);
  });
});

describe('runner container names', () => {
  it('parses go-livepeer’s <pipeline>_<model slug>_<hostPort>', () => {
    expect(
      parseRunnerName('image-to-video_stabilityai-stable-video-diffusion-img2vid-xt-1-1_8200'),
    ).toEqual({
      pipelineText: 'image-to-video',
      pipeline: 'image-to-video',
      modelSlug: 'stabilityai-stable-video-diffusion-img2vid-xt-1-1',
      hostPort: 8200,
    });
    expect(parseRunnerName('/audio-to-text_openai-whisper-large-v3_8400')?.hostPort).toBe(8400);
    // Older go-livepeer: no port suffix.
    expect(parseRunnerName('text-to-image_ByteDance-SDXL-Lightning')).toMatchObject({
      modelSlug: 'ByteDance-SDXL-Lightning',
      hostPort: undefined,
    });
    expect(parseRunnerName('custom-pipe_model_8000')).toMatchObject({
      pipeline: undefined,
      pipelineText: 'custom-pipe',
    });
    for (const bad of [
      'caddy',
      '',
      'text-to-image',
      'text-to-image__8000',
      'Text_x_1',
      'a_b_c_d',
    ]) {
      expect(parseRunnerName(bad), bad).toBeUndefined();
    }
    expect(parseRunnerName('text-to-image_x_99999')?.hostPort).toBeUndefined();
  });

  it('finds the host port bound to 8000/tcp', () => {
    expect(hostPortOf('127.0.0.1:8000->8000/tcp')).toBe(8000);
    expect(hostPortOf('0.0.0.0:9000->9000/tcp, 127.0.0.1:8602->8000/tcp')).toBe(8602);
    expect(hostPortOf('[::1]:8001->8000/tcp')).toBe(8001);
    expect(hostPortOf('8000/tcp')).toBeUndefined();
    expect(hostPortOf('127.0.0.1:8000->8000/udp')).toBeUndefined();
  });

  it('takes the exact model id from /version only when it matches the name', () => {
    const [c] = parseDockerPs(
      row({ Names: 'llm_meta-llama-Meta-Llama-3.1-8B-Instruct_8500' }),
    ).containers;
    if (c === undefined) throw new Error('no container');
    const version = (pipeline: string, modelId: string) => ({
      pipeline,
      modelId,
      version: '0.14.1',
    });
    expect(modelIdOf(c, version('llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct'))).toEqual({
      modelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      exact: true,
    });
    expect(modelIdOf(c, version('llm', 'other/model'))).toEqual({
      modelId: 'meta-llama-Meta-Llama-3.1-8B-Instruct',
      exact: false,
    });
    expect(
      modelIdOf(c, version('text-to-image', 'meta-llama/Meta-Llama-3.1-8B-Instruct')).exact,
    ).toBe(false);
    expect(modelIdOf(c, null).exact).toBe(false);
    expect(modelSlugOf('a/b_c')).toBe('a-b-c');
  });
});
