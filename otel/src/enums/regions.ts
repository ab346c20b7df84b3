/**
 * Region codes, a fixed enum (metrics.md: `livepeer.region`). Agents report
 * their region; test-load gateways are configured with theirs. Coordinates are
 * approximate city centres for the dashboard's map; GLOBAL has none.
 */
export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly continent: 'Europe' | 'North America' | 'South America' | 'Asia' | 'Oceania' | 'Global';
  readonly lat: number | null;
  readonly lon: number | null;
}

const r = <const Code extends string>(
  code: Code,
  name: string,
  continent: RegionInfo['continent'],
  lat: number | null,
  lon: number | null,
): RegionInfo & { readonly code: Code } => ({ code, name, continent, lat, lon });

export const REGIONS = [
  r('FRA', 'Frankfurt', 'Europe', 50.11, 8.68),
  r('LAX', 'Los Angeles', 'North America', 34.05, -118.24),
  r('LON', 'London', 'Europe', 51.51, -0.13),
  r('MDW', 'Chicago', 'North America', 41.88, -87.63),
  r('NYC', 'New York', 'North America', 40.71, -74.01),
  r('PRG', 'Prague', 'Europe', 50.08, 14.44),
  r('SAO', 'São Paulo', 'South America', -23.55, -46.63),
  r('SIN', 'Singapore', 'Asia', 1.35, 103.82),
  r('SEA', 'Seattle', 'North America', 47.61, -122.33),
  r('ATL', 'Atlanta', 'North America', 33.75, -84.39),
  r('HOU', 'Houston', 'North America', 29.76, -95.37),
  r('MIA', 'Miami', 'North America', 25.76, -80.19),
  r('SYD', 'Sydney', 'Oceania', -33.87, 151.21),
  r('TOR', 'Toronto', 'North America', 43.65, -79.38),
  r('HND', 'Tokyo', 'Asia', 35.68, 139.69),
  r('STO', 'Stockholm', 'Europe', 59.33, 18.07),
  r('MAD', 'Madrid', 'Europe', 40.42, -3.7),
  r('SJO', 'San José (Costa Rica)', 'North America', 9.93, -84.08),
  r('GLOBAL', 'Global', 'Global', null, null),
] as const satisfies readonly RegionInfo[];

export type RegionCode = (typeof REGIONS)[number]['code'];

export const REGION_CODES: readonly RegionCode[] = REGIONS.map((x) => x.code);

const byCode = new Map<string, RegionInfo>(REGIONS.map((x) => [x.code, x]));

export function isRegionCode(value: string): value is RegionCode {
  return byCode.has(value);
}

/** Parses a region code case-insensitively (`fra` → `FRA`); null when unknown. */
export function parseRegion(value: string): RegionCode | null {
  const code = value.trim().toUpperCase();
  return isRegionCode(code) ? code : null;
}

export function regionInfo(code: RegionCode): RegionInfo {
  const info = byCode.get(code);
  if (info === undefined) throw new RangeError(`unknown region code: ${code}`);
  return info;
}
