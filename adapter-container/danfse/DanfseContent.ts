/** One party of the NFS-e (prestador or tomador) as the DANFSe shows it. */
export interface DanfseParty {
  /** Razão social or name. */
  readonly name: string;
  /** CNPJ or CPF, no punctuation. */
  readonly document: string;
  readonly inscricaoMunicipal?: string;
  /** The address on one line, when known. */
  readonly address?: string;
  readonly email?: string;
}

/** The values of the service, in cents (never floats). */
export interface DanfseValues {
  /** Valor dos serviços. */
  readonly services: bigint;
  /** Valor das deduções. */
  readonly deductions: bigint;
  /** Base de cálculo of the ISS. */
  readonly calculationBase: bigint;
  /** ISS rate as the XML writes it (percent, "5.00"), when the city states it. */
  readonly issRate?: string;
  readonly iss: bigint;
  /** Whether the tomador withholds the ISS. */
  readonly issWithheld: boolean;
  /** Retenções: the federal ones the NFS-e states plus the ISS when withheld. */
  readonly withholdings: bigint;
  /** Valor líquido. */
  readonly net: bigint;
}

/**
 * Everything our DANFSe-like PDF shows, read from the city's NFS-e XML, the company record and
 * the municipality registry. Rendering it twice gives the same bytes.
 */
export interface DanfseContent {
  readonly nfseNumber: string;
  readonly verificationCode: string;
  /** The NFS-e's issue instant (ISO 8601): printed in Brasília time, and the PDF's creation date. */
  readonly issuedAt: string;
  readonly municipality: { readonly code: string; readonly name: string; readonly uf?: string };
  readonly rps?: { readonly numero: string; readonly serie: string };
  /** Competência (aaaa-mm-dd). */
  readonly competence?: string;
  readonly prestador: DanfseParty;
  readonly tomador?: DanfseParty;
  readonly service: {
    /** Item of the LC 116/2003 list ("01.07"). */
    readonly item: string;
    /** The city's own service code (CodigoTributacaoMunicipio). */
    readonly municipalTaxCode?: string;
    readonly cnae?: string;
    readonly description: string;
  };
  readonly values: DanfseValues;
  /** The city's page of this NFS-e, which the QR code encodes; absent: no QR code. */
  readonly verificationUrl?: string;
}
