// MOJ Frontend ships no type declarations, and does not export its filter toggle from the package's
// root. Only what the service calls is declared.
declare module "@ministryofjustice/frontend/moj/components/filter-toggle-button/filter-toggle-button.mjs" {
  export class FilterToggleButton {
    constructor(
      root: Element,
      config?: {
        bigModeMediaQuery?: string;
        startHidden?: boolean;
        toggleButton?: { showText?: string; hideText?: string; classes?: string };
        toggleButtonContainer?: { selector?: string; element?: Element | null };
        closeButton?: { text?: string; classes?: string };
        closeButtonContainer?: { selector?: string; element?: Element | null };
      },
    );
  }
}
