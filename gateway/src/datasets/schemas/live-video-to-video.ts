import { Type } from 'typebox';
import * as F from './common.js';

/**
 * A live video stream start (go-livepeer: the ingest hook's form values and
 * the ingest URL's query): `pipeline` (the model), `params` (a JSON object
 * of the pipeline's settings), the ingest `source_type`, and the video the
 * client pushes over WHIP or RTMP.
 */
export const LiveVideoToVideoRequest = Type.Object(
  {
    pipeline: F.ModelId,
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 64 })),
    source_type: Type.Optional(
      Type.Enum([
        'webrtcsession',
        'rtmpconn',
        'rtmpsconn',
        'srtconn',
        'rtspsession',
        'rtspssession',
      ]),
    ),
    video: F.VideoFile,
  },
  F.closed,
);
