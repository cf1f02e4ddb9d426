/**
 * The demo portfolio: three fictional devices by a fictional manufacturer, Northwind Medical.
 * Pure data. Each SBOM file named here lives in `src/demo/sboms/` and is generated from
 * `sbom-catalog.ts` by `build-demo-sboms.ts` (real open-source components at real historical
 * versions, so that vulnerability correlation finds well-known CVEs in the older releases).
 */

export type DeviceClass = 'I' | 'II' | 'III';
export type RegulatoryPathway = '510k' | 'de-novo' | 'pma' | 'hde' | 'exempt';
export type SupportStatus = 'supported' | 'limited' | 'end-of-support' | 'in-development';
export type SbomLabel = 'firmware' | 'operating-system' | 'application' | 'other';

export interface DemoProduct {
  readonly slug: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly deviceClass: DeviceClass;
  readonly regulatoryPathway: RegulatoryPathway;
  /** FD&C Act section 524B "cyber device" criteria. */
  readonly cyberDeviceCriteria: {
    readonly includesSoftware: boolean;
    readonly connectsToInternet: boolean;
    readonly vulnerableCharacteristics: boolean;
  };
  readonly markets: readonly string[];
  readonly serviceLifeYears: number;
  readonly intendedUse: string;
}

export interface DemoRelease {
  readonly version: string;
  readonly variant: string | null;
  readonly releaseDate: string;
  readonly supportStatus: SupportStatus;
  readonly endOfSupport: string | null;
  readonly sboms: ReadonlyArray<{ readonly label: SbomLabel; readonly file: string }>;
}

export interface DemoPortfolioEntry {
  readonly product: DemoProduct;
  readonly releases: readonly DemoRelease[];
}

const MANUFACTURER = 'Northwind Medical';

export const demoPortfolio: readonly DemoPortfolioEntry[] = [
  {
    product: {
      slug: 'aurora-infusion-pump',
      name: 'Aurora Infusion Pump',
      manufacturer: MANUFACTURER,
      model: 'IP-300',
      deviceClass: 'II',
      regulatoryPathway: '510k',
      cyberDeviceCriteria: { includesSoftware: true, connectsToInternet: true, vulnerableCharacteristics: true },
      markets: ['US', 'EU', 'CA'],
      serviceLifeYears: 10,
      intendedUse:
        'Large-volume infusion pump for the controlled delivery of fluids, medications, blood and blood products to adult and paediatric patients in hospitals, with a dose error reduction system and wireless drug-library updates.',
    },
    releases: [
      {
        version: '3.1.0',
        variant: null,
        releaseDate: '2021-05-10',
        supportStatus: 'limited',
        endOfSupport: '2025-12-31',
        sboms: [
          { label: 'firmware', file: 'aurora-infusion-pump-3.1.0-firmware.cdx.json' },
          { label: 'application', file: 'aurora-infusion-pump-3.1.0-application.cdx.json' },
        ],
      },
      {
        version: '3.4.2',
        variant: null,
        releaseDate: '2023-09-18',
        supportStatus: 'supported',
        endOfSupport: '2031-09-30',
        sboms: [
          { label: 'firmware', file: 'aurora-infusion-pump-3.4.2-firmware.cdx.json' },
          { label: 'application', file: 'aurora-infusion-pump-3.4.2-application.cdx.json' },
        ],
      },
    ],
  },
  {
    product: {
      slug: 'vitalis-patient-monitor',
      name: 'Vitalis Patient Monitor',
      manufacturer: MANUFACTURER,
      model: 'PM-8',
      deviceClass: 'II',
      regulatoryPathway: '510k',
      cyberDeviceCriteria: { includesSoftware: true, connectsToInternet: true, vulnerableCharacteristics: true },
      markets: ['US', 'EU', 'UK', 'AU'],
      serviceLifeYears: 8,
      intendedUse:
        'Bedside multi-parameter monitor (ECG, SpO2, NIBP, temperature) for adult, paediatric and neonatal patients in hospital care units, with alarm forwarding to a central station over the hospital network.',
    },
    releases: [
      {
        version: '2.2.1',
        variant: null,
        releaseDate: '2020-11-02',
        supportStatus: 'end-of-support',
        endOfSupport: '2024-06-30',
        sboms: [
          { label: 'firmware', file: 'vitalis-patient-monitor-2.2.1-firmware.cdx.json' },
          { label: 'operating-system', file: 'vitalis-patient-monitor-2.2.1-operating-system.cdx.json' },
          { label: 'application', file: 'vitalis-patient-monitor-2.2.1-application.cdx.json' },
        ],
      },
      {
        version: '2.5.0',
        variant: null,
        releaseDate: '2023-02-14',
        supportStatus: 'supported',
        endOfSupport: '2030-12-31',
        sboms: [
          { label: 'firmware', file: 'vitalis-patient-monitor-2.5.0-firmware.cdx.json' },
          { label: 'operating-system', file: 'vitalis-patient-monitor-2.5.0-operating-system.cdx.json' },
          { label: 'application', file: 'vitalis-patient-monitor-2.5.0-application.cdx.json' },
        ],
      },
    ],
  },
  {
    product: {
      slug: 'lumen-imaging-workstation',
      name: 'Lumen Imaging Workstation',
      manufacturer: MANUFACTURER,
      model: 'IW-5',
      deviceClass: 'II',
      regulatoryPathway: '510k',
      cyberDeviceCriteria: { includesSoftware: true, connectsToInternet: true, vulnerableCharacteristics: true },
      markets: ['US', 'EU'],
      serviceLifeYears: 7,
      intendedUse:
        'Software and workstation for receiving, storing, displaying and quantitatively analysing DICOM images (CT, MR, X-ray) to assist trained physicians in diagnosis; not intended for primary mammography reading.',
    },
    releases: [
      {
        version: '5.0.3',
        variant: null,
        releaseDate: '2021-08-30',
        supportStatus: 'limited',
        endOfSupport: '2026-03-31',
        sboms: [
          { label: 'operating-system', file: 'lumen-imaging-workstation-5.0.3-operating-system.cdx.json' },
          { label: 'application', file: 'lumen-imaging-workstation-5.0.3-application.cdx.json' },
        ],
      },
      {
        version: '5.2.0',
        variant: null,
        releaseDate: '2023-11-06',
        supportStatus: 'supported',
        endOfSupport: '2030-11-30',
        sboms: [
          { label: 'operating-system', file: 'lumen-imaging-workstation-5.2.0-operating-system.cdx.json' },
          { label: 'application', file: 'lumen-imaging-workstation-5.2.0-application.cdx.json' },
        ],
      },
    ],
  },
];
