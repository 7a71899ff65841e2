// A site a device can be moved to, as the move form lists it and its search answers it; shared by
// the data layer and the form (components never import lib/data).

export interface MoveTarget {
  id: number;
  /** "Alexander Depot (HO-0050, HO)": unique, since codes are unique within an organisation. */
  label: string;
  /** "Truro, TR5 4FP" */
  place: string;
}

export interface MoveTargetPage {
  rows: MoveTarget[];
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
}
