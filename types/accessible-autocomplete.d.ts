// accessible-autocomplete ships no type declarations. Only what the service calls is declared
// (https://github.com/alphagov/accessible-autocomplete#api-documentation).
declare module "accessible-autocomplete" {
  export interface AccessibleAutocompleteOptions {
    element: Element;
    id: string;
    source: (query: string, populateResults: (results: string[]) => void) => void;
    name?: string;
    defaultValue?: string;
    minLength?: number;
    autoselect?: boolean;
    confirmOnBlur?: boolean;
    displayMenu?: "inline" | "overlay";
    showNoOptionsFound?: boolean;
    required?: boolean;
    inputClasses?: string | null;
    menuClasses?: string | null;
    onConfirm?: (chosen: string | undefined) => void;
    tNoResults?: () => string;
    tStatusQueryTooShort?: (minQueryLength: number) => string;
    tStatusNoResults?: () => string;
    tStatusSelectedOption?: (selectedOption: string, length: number, index: number) => string;
    tStatusResults?: (length: number, contentSelectedOption: string) => string;
    tAssistiveHint?: () => string;
  }
  function accessibleAutocomplete(options: AccessibleAutocompleteOptions): void;
  export default accessibleAutocomplete;
}
